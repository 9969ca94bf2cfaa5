/**
 * Times are stored in UTC and shown in the site's time zone. Intl formatters
 * are costly to build, so one per zone is kept.
 */
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'always' });

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = map.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    map.set(timeZone, format);
  }
  return format;
}

/** ICU puts a narrow no-break space before AM/PM; pages and tests expect a plain one. */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * @example formatAbsolute(new Date('2023-09-13T04:02:00Z'), 'America/Los_Angeles') // 'Sep 12, 2023, 9:02 PM'
 */
export function formatAbsolute(at: Date, timeZone: string): string {
  const format = cached(absoluteFormats, timeZone, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  });
  return plainSpaces(format.format(at));
}

/** The date alone: `Sep 12, 2023`. */
export function formatDate(at: Date, timeZone: string): string {
  return plainSpaces(cached(dateFormats, timeZone, { month: 'short', day: 'numeric', year: 'numeric' }).format(at));
}

/** The zone's offset from UTC at that instant, in minutes (negative west of Greenwich). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const format = cached(offsetFormats, timeZone, { timeZoneName: 'longOffset' });
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * ISO 8601 with the zone's offset, for `<time datetime>` and feeds.
 *
 * @example isoWithOffset(new Date('2023-09-13T04:02:00Z'), 'America/Los_Angeles') // '2023-09-12T21:02:00-07:00'
 */
export function isoWithOffset(at: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/**
 * How long ago, as teasers show it: "just now", "5 minutes ago",
 * "22 hours ago", "3 days ago"; after a week, the date itself.
 */
export function formatRelative(at: Date, now: Date, timeZone: string): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 0) return formatAbsolute(at, timeZone);
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 7) return relative.format(-days, 'day');
  return formatDate(at, timeZone);
}

/** Whether a name is a time zone this runtime knows, for checking configuration. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
