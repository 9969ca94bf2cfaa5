import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads milliseconds, seconds, minutes and hours, in any case, with decimals', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration(' 2 M ')).toBe(120_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });

  it('reads a bare number only in the unit the caller names', () => {
    expect(parseDuration('90')).toBeNull();
    expect(parseDuration('90', 's')).toBe(90_000);
    expect(parseDuration('90', 'ms')).toBe(90);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 's', '-5s', '5d', '5 minutes', '1e3s']) expect(parseDuration(text, 's'), text).toBeNull();
  });

  it('writes durations back in the largest whole unit', () => {
    for (const ms of [1500, 90_000, 300_000, 7_200_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
    expect(formatDuration(300_000)).toBe('5m');
  });
});
