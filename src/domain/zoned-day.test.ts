import { describe, expect, it } from 'vitest';
import { dayOf, startOfDay } from './zoned-day.js';

describe('startOfDay', () => {
  it('is local midnight in the zone, across daylight saving changes', () => {
    expect(startOfDay('2026-03-07', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-07T08:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDay('2026-06-01', 'Europe/Berlin')?.toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    for (const text of ['2026-02-30', '2026-13-01', '26-01-01', 'yesterday', '2026-01-01T00:00']) expect(startOfDay(text, 'UTC')).toBeNull();
  });

  it('round-trips with dayOf', () => {
    expect(dayOf(startOfDay('2026-11-01', 'America/Los_Angeles') as Date, 'America/Los_Angeles')).toBe('2026-11-01');
  });
});
