import { formatDuration, parseDuration } from '../../domain/duration.js';

/** Polls no more often than this, so a typo cannot hammer an agency. */
export const MIN_POLL_MS = 5000;
export const MAX_POLL_MS = 24 * 3_600_000;

/**
 * `60s`, `5m`, `1h`, `1500ms` (or a bare number of seconds) → milliseconds;
 * null when it is not one, or outside 5 s to 24 h.
 * @example parsePollInterval('90s') // 90000
 */
export function parsePollInterval(text: string): number | null {
  const ms = parseDuration(text, 's');
  return ms !== null && ms >= MIN_POLL_MS && ms <= MAX_POLL_MS ? ms : null;
}

/** 60000 → `1m`, 90000 → `90s`. */
export const formatInterval = formatDuration;

/** After n failures in a row: the interval doubled n times, at most an hour (or the interval, if longer). */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** Math.min(failures, 20), Math.max(3_600_000, intervalMs));
}
