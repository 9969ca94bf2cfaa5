/** Each delay moves by up to this fraction either way, so jobs that failed together are not retried together. */
export const JITTER = 0.2;

/**
 * The default wait after failed attempt number `attempt`: 5 s, doubling,
 * at most an hour, with jitter.
 *
 * @example defaultBackoff(3, () => 0.5) // 20000
 */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 5000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
