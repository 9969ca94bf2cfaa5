import { Temporal } from 'temporal-polyfill';

/**
 * The instant a calendar day starts in a time zone, or null when the text
 * is not a real `YYYY-MM-DD` date. Days start at local midnight, except
 * where daylight saving skips midnight (America/Santiago, Asia/Beirut): then
 * at the first instant that exists, 01:00. Temporal knows the zone rules;
 * arithmetic on offsets got those days wrong by an hour.
 *
 * @example startOfDay('2026-03-10', 'America/Los_Angeles') // 2026-03-10T07:00:00.000Z
 */
export function startOfDay(text: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  let date: Temporal.PlainDate;
  try {
    date = Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return null;
  }
  return new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dayOf(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}
