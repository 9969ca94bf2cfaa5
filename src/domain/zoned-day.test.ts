import { describe, expect, it } from 'vitest';
import { dayOf, searchEdge, startOfDay } from './zoned-day.js';

describe('startOfDay', () => {
  it('is local midnight in the zone, across daylight saving changes', () => {
    expect(startOfDay('2026-03-07', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-07T08:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/Los_Angeles')?.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDay('2026-06-01', 'Europe/Berlin')?.toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });

  it('starts a day whose midnight daylight saving skips at its first instant, never in the day before', () => {
    // Clocks jump from 00:00 to 01:00 on these days: the day starts at 01:00 local.
    const skipped: Array<[string, string, string]> = [
      ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
      ['2024-10-06', 'America/Asuncion', '2024-10-06T04:00:00.000Z'],
      ['2026-03-29', 'Asia/Beirut', '2026-03-28T22:00:00.000Z'],
    ];
    for (const [day, zone, instant] of skipped) {
      const start = startOfDay(day, zone) as Date;
      expect(start.toISOString(), `${day} ${zone}`).toBe(instant);
      expect(dayOf(start, zone), zone).toBe(day);
      expect(dayOf(new Date(start.getTime() - 1), zone), zone).not.toBe(day);
    }
  });

  it('refuses dates that do not exist', () => {
    for (const text of ['2026-02-30', '2026-13-01', '26-01-01', 'yesterday', '2026-01-01T00:00']) expect(startOfDay(text, 'UTC')).toBeNull();
  });

  it('round-trips with dayOf', () => {
    expect(dayOf(startOfDay('2026-11-01', 'America/Los_Angeles') as Date, 'America/Los_Angeles')).toBe('2026-11-01');
  });
});

describe('searchEdge', () => {
  it('includes the from and to days whole, in the zone, even where daylight saving skips midnight', () => {
    expect(searchEdge('2026-03-10', 'from', 'America/Los_Angeles')).toEqual({ at: new Date('2026-03-10T07:00:00Z'), day: '2026-03-10' });
    expect(searchEdge('2026-03-10', 'to', 'America/Los_Angeles')).toEqual({ at: new Date('2026-03-11T07:00:00Z'), day: '2026-03-10' });
    // The day after 2026-09-05 starts at 01:00 in Santiago: the 5th ends there, not an hour before or after.
    expect(searchEdge('2026-09-05', 'to', 'America/Santiago')?.at.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(searchEdge('2026-12-31', 'to', 'UTC')?.at.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('takes an instant with an offset as it is, the to edge included, and names its day in the zone', () => {
    expect(searchEdge('2026-03-10T23:30:00Z', 'from', 'Europe/Berlin')).toEqual({ at: new Date('2026-03-10T23:30:00Z'), day: '2026-03-11' });
    expect(searchEdge('2026-03-10T23:30:00Z', 'to', 'UTC')?.at.getTime()).toBe(Date.parse('2026-03-10T23:30:00Z') + 1);
  });

  it('refuses what is not a day or an instant', () => {
    for (const text of ['2026-02-30', 'tomorrow', '2026-03-10T25:00:00Z', '2026-03-10T10:00']) expect(searchEdge(text, 'from', 'UTC'), text).toBeNull();
  });
});
