const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A duration as people write it in settings and commands (`500ms`, `30s`,
 * `2m`, `1.5h`; units in any case) → milliseconds; null when it is not one.
 * A bare number is read in `bareUnit` when one is given, else refused. The
 * one duration parser (webhook retry schedules, wire poll intervals).
 *
 * @example parseDuration('2m') // 120000
 * @example parseDuration('90', 's') // 90000
 */
export function parseDuration(text: string, bareUnit?: 'ms' | 's'): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() ?? bareUnit;
  if (!match || unit === undefined) return null;
  return Math.round(Number(match[1]) * (UNIT_MS[unit] as number));
}

/** The shortest way to write a duration that `parseDuration` reads back: 60000 → `1m`, 90000 → `90s`. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
