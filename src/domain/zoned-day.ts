import { zoneOffsetMinutes } from './time-format.js';

/**
 * The instant a calendar day starts in a time zone, or null when the text
 * is not a real `YYYY-MM-DD` date. Days start at local midnight, except on
 * the rare zones that skip it for daylight saving (then the first instant after).
 *
 * @example startOfDay('2026-03-10', 'America/Los_Angeles') // 2026-03-10T07:00:00.000Z
 */
export function startOfDay(text: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Local midnight is UTC midnight minus the zone's offset; the offset itself
  // depends on the instant, so settle it in two steps (enough across DST changes).
  let guess = utcMidnight - zoneOffsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  guess = utcMidnight - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dayOf(at: Date, timeZone: string): string {
  return new Date(at.getTime() + zoneOffsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 10);
}
