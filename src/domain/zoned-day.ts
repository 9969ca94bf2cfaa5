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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Where a search filter's `from` or `to` puts its edge: `from` at the start
 * of its day, `to` at the start of the day after (exclusive), so both days
 * are included whole, in the site's time zone. An ISO instant with an offset
 * is taken as it is (as `to`, included). `day` is the calendar day it falls
 * on, for showing the filter back. Null when the text is neither. The one
 * search-date helper: the reader site's search and the content API's.
 *
 * @example searchEdge('2026-03-10', 'to', 'UTC') // { at: 2026-03-11T00:00:00.000Z, day: '2026-03-10' }
 */
export function searchEdge(text: string, edge: 'from' | 'to', timeZone: string): { at: Date; day: string } | null {
  if (ISO_INSTANT.test(text)) {
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) return null;
    return { at: edge === 'to' ? new Date(at.getTime() + 1) : at, day: dayOf(at, timeZone) };
  }
  const start = startOfDay(text, timeZone);
  if (!start) return null;
  if (edge === 'from') return { at: start, day: text };
  const next = Temporal.PlainDate.from(text).add({ days: 1 }).toZonedDateTime({ timeZone });
  return { at: new Date(next.epochMilliseconds), day: text };
}
