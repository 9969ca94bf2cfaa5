const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Polls no more often than this, so a typo cannot hammer an agency. */
export const MIN_POLL_MS = 5000;
export const MAX_POLL_MS = 24 * 3_600_000;

/**
 * `60s`, `5m`, `1h`, `1500ms` (or a bare number of seconds) → milliseconds;
 * null when it is not one, or outside 5 s to 24 h.
 * @example parsePollInterval('90s') // 90000
 */
export function parsePollInterval(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!match) return null;
  const ms = Math.round(Number(match[1]) * (UNITS[(match[2] ?? 's').toLowerCase()] as number));
  return ms >= MIN_POLL_MS && ms <= MAX_POLL_MS ? ms : null;
}

/** 60000 → `60s`, 300000 → `5m`. */
export function formatInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** After n failures in a row: the interval doubled n times, at most an hour (or the interval, if longer). */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** Math.min(failures, 20), Math.max(3_600_000, intervalMs));
}
