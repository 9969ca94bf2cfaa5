import { parseDuration } from '../domain/duration.js';

/** 30 s, 2 min, 10 min, 1 h, 6 h: six attempts over about seven hours, then the delivery fails. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];

/** Each delay is moved by up to this fraction either way, so receivers that failed together are not retried together. */
export const JITTER = 0.2;

/**
 * How long to wait after the `failedAttempts`-th failed attempt before the
 * next one, or null when the schedule is used up and the delivery fails.
 *
 * @example retryDelay(1, [30_000, 120_000], () => 0.5) // 30000
 * @example retryDelay(3, [30_000, 120_000]) // null: give up
 */
export function retryDelay(failedAttempts: number, schedule: readonly number[], random: () => number = Math.random): number | null {
  const base = schedule[failedAttempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Reads a retry schedule such as `30s,2m,10m,1h,6h` into milliseconds;
 * throws a message naming the bad part.
 *
 * @example parseRetrySchedule('30s, 2m') // [30000, 120000]
 */
export function parseRetrySchedule(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('the schedule is empty');
  return parts.map((part) => {
    const ms = parseDuration(part);
    if (ms === null) throw new Error(`"${part}" is not a duration like 500ms, 30s, 2m or 1h`);
    return ms;
  });
}
