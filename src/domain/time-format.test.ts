import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatDate, formatRelative, isoWithOffset, isTimeZone, zoneOffsetMinutes } from './time-format.js';

const LA = 'America/Los_Angeles';
const at = new Date('2023-09-13T04:02:00Z');

describe('formatAbsolute', () => {
  it('shows the local time in the site zone with plain spaces', () => {
    const text = formatAbsolute(at, LA);
    expect(text).toBe('Sep 12, 2023, 9:02 PM');
    expect(text).not.toMatch(/[\u202f\u00a0]/);
  });

  it('shows the next day east of Greenwich', () => {
    expect(formatAbsolute(at, 'Asia/Seoul')).toBe('Sep 13, 2023, 1:02 PM');
    expect(formatAbsolute(at, 'Europe/Moscow')).toBe('Sep 13, 2023, 7:02 AM');
  });

  it('keeps zones apart despite caching', () => {
    expect(formatAbsolute(at, 'UTC')).toBe('Sep 13, 2023, 4:02 AM');
    expect(formatAbsolute(at, LA)).toBe('Sep 12, 2023, 9:02 PM');
  });

  it('shows midnight as 12 AM', () => {
    expect(formatAbsolute(new Date('2023-09-13T00:05:00Z'), 'UTC')).toBe('Sep 13, 2023, 12:05 AM');
  });

  it('follows the spring-forward change', () => {
    expect(formatAbsolute(new Date('2023-03-12T09:59:00Z'), LA)).toBe('Mar 12, 2023, 1:59 AM');
    expect(formatAbsolute(new Date('2023-03-12T10:00:00Z'), LA)).toBe('Mar 12, 2023, 3:00 AM');
  });

  it('shows 1:30 AM twice on the fall-back day', () => {
    expect(formatAbsolute(new Date('2023-11-05T08:30:00Z'), LA)).toBe('Nov 5, 2023, 1:30 AM');
    expect(formatAbsolute(new Date('2023-11-05T09:30:00Z'), LA)).toBe('Nov 5, 2023, 1:30 AM');
  });
});

describe('formatDate', () => {
  it('shows the local date only', () => {
    expect(formatDate(at, LA)).toBe('Sep 12, 2023');
    expect(formatDate(at, 'Asia/Seoul')).toBe('Sep 13, 2023');
  });
});

describe('isoWithOffset', () => {
  it('gives -07:00 in PDT and -08:00 in PST', () => {
    expect(isoWithOffset(at, LA)).toBe('2023-09-12T21:02:00-07:00');
    expect(isoWithOffset(new Date('2023-01-15T20:00:00Z'), LA)).toBe('2023-01-15T12:00:00-08:00');
  });

  it('follows the spring-forward change', () => {
    expect(isoWithOffset(new Date('2023-03-12T09:59:00Z'), LA)).toBe('2023-03-12T01:59:00-08:00');
    expect(isoWithOffset(new Date('2023-03-12T10:00:00Z'), LA)).toBe('2023-03-12T03:00:00-07:00');
  });

  it('tells the two 1:30 AMs of the fall-back day apart', () => {
    expect(isoWithOffset(new Date('2023-11-05T08:30:00Z'), LA)).toBe('2023-11-05T01:30:00-07:00');
    expect(isoWithOffset(new Date('2023-11-05T09:30:00Z'), LA)).toBe('2023-11-05T01:30:00-08:00');
  });

  it('handles half-hour offsets', () => {
    expect(isoWithOffset(at, 'Asia/Kolkata')).toBe('2023-09-13T09:32:00+05:30');
    expect(zoneOffsetMinutes(at, 'Asia/Kolkata')).toBe(330);
  });

  it('gives Z for UTC', () => {
    expect(isoWithOffset(at, 'UTC')).toBe('2023-09-13T04:02:00Z');
    expect(zoneOffsetMinutes(at, 'UTC')).toBe(0);
  });

  it('names the same instant', () => {
    for (const zone of [LA, 'Asia/Kolkata', 'Asia/Seoul', 'UTC']) {
      expect(new Date(isoWithOffset(at, zone)).getTime()).toBe(at.getTime());
    }
  });
});

describe('formatRelative', () => {
  const now = new Date('2023-09-20T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it('says "now" under a minute', () => {
    expect(formatRelative(now, now, LA)).toBe('now');
    expect(formatRelative(ago(59_000), now, LA)).toBe('now');
  });

  it('speaks the site language (SITE_LANGUAGE), with its own clock', () => {
    expect(formatRelative(now, now, LA, 'de-DE')).toBe('jetzt');
    expect(formatRelative(ago(5 * MIN), now, LA, 'de-DE')).toBe('vor 5 Minuten');
    expect(formatRelative(ago(DAY + HOUR), now, LA, 'de-DE')).toBe('vor 1 Tag');
    expect(formatRelative(ago(3 * HOUR), now, LA, 'fr-FR')).toBe('il y a 3 heures');
    expect(formatAbsolute(new Date('2023-09-13T04:02:00Z'), 'Europe/Berlin', 'de-DE')).toBe('13. Sept. 2023, 6:02');
    expect(formatAbsolute(new Date('2023-09-13T04:02:00Z'), LA)).toBe('Sep 12, 2023, 9:02 PM');
  });

  it('counts minutes, hours and days', () => {
    expect(formatRelative(ago(5 * MIN), now, LA)).toBe('5 minutes ago');
    expect(formatRelative(ago(1 * MIN), now, LA)).toBe('1 minute ago');
    expect(formatRelative(ago(HOUR), now, LA)).toBe('1 hour ago');
    expect(formatRelative(ago(HOUR + 59 * MIN), now, LA)).toBe('1 hour ago');
    expect(formatRelative(ago(22 * HOUR), now, LA)).toBe('22 hours ago');
    expect(formatRelative(ago(3 * DAY), now, LA)).toBe('3 days ago');
    expect(formatRelative(ago(6 * DAY + 23 * HOUR), now, LA)).toBe('6 days ago');
  });

  it('shows the date after a week', () => {
    expect(formatRelative(ago(7 * DAY), now, LA)).toBe('Sep 13, 2023');
    expect(formatRelative(new Date('2023-09-01T04:00:00Z'), now, LA)).toBe('Aug 31, 2023');
  });

  it('shows future times absolutely', () => {
    expect(formatRelative(new Date('2023-09-21T04:02:00Z'), now, LA)).toBe('Sep 20, 2023, 9:02 PM');
  });
});

describe('isTimeZone', () => {
  it('knows real zones', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
  });

  it('rejects made-up zones', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('not a zone')).toBe(false);
  });
});
