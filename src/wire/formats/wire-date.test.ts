import { describe, expect, it } from 'vitest';
import { parseWireDate } from './wire-date.js';

describe('parseWireDate', () => {
  it('reads RFC 3339 with offsets and fractions', () => {
    const r = parseWireDate('2018-10-21T16:25:32.250-05:00', 'versionCreated');
    expect(r.ok && r.date.toISOString()).toBe('2018-10-21T21:25:32.250Z');
    expect(r.ok && r.note).toBeNull();
  });

  it('reads a date alone as midnight UTC and a time without zone as UTC, saying so', () => {
    const day = parseWireDate('2019-09-24', 'versioncreated');
    expect(day.ok && day.date.toISOString()).toBe('2019-09-24T00:00:00.000Z');
    const local = parseWireDate('2019-09-24T10:00:00', 'versioncreated');
    expect(local.ok && local.note).toBe('versioncreated "2019-09-24T10:00:00" has no time zone; read as UTC');
  });

  it('refuses words, impossible days, months and offsets', () => {
    expect(parseWireDate('Last Tuesday', 'versioncreated')).toEqual({ ok: false, reason: 'versioncreated "Last Tuesday" is not a date-time (expected RFC 3339, e.g. 2024-05-01T14:30:00Z)' });
    expect(parseWireDate('2023-02-29T00:00:00Z', 'embargoed')).toEqual({ ok: false, reason: 'embargoed "2023-02-29T00:00:00Z" names day 29 of a month with 28 days' });
    expect(parseWireDate('2024-02-29T00:00:00Z', 'embargoed').ok).toBe(true);
    expect(parseWireDate('2024-01-01T24:00:00Z', 'x')).toMatchObject({ ok: false, reason: expect.stringContaining('impossible time of day') });
    expect(parseWireDate('2024-01-01T10:00:00+25:00', 'x')).toMatchObject({ ok: false, reason: expect.stringContaining('impossible time zone offset') });
  });
});
