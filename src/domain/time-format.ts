/**
 * Times are stored in UTC and shown in the site's time zone and language
 * (SITE_LANGUAGE), worded by Intl. Intl formatters are costly to build, so
 * one per language and zone is kept.
 */
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions, language = 'en-US') {
  const key = `${language} ${timeZone}`;
  let format = map.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { timeZone, ...options });
    map.set(key, format);
  }
  return format;
}

/**
 * `auto` words the present as the language does ("now", "jetzt"); `always`
 * keeps counting ("1 day ago", not "yesterday", which reads wrong next to
 * "23 hours ago" late in the evening).
 */
function relativeFormat(language: string, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  const key = `${language} ${numeric}`;
  let format = relativeFormats.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric });
    relativeFormats.set(key, format);
  }
  return format;
}

/**
 * An absolute time's wording depends only on the instant, zone and language,
 * never on the clock, and a front shows the same few dozen stories render
 * after render, so each wording is kept (Intl's formatToParts and format
 * cost microseconds each; a home page words about a hundred). Bounded: a
 * map that fills up is emptied. Relative times ("5 minutes ago") are never
 * kept: they are worded afresh at each render.
 */
const KEPT_WORDINGS = 4000;
const keptWordings = new Map<string, Map<number, string>>();

function kept(kind: string, timeZone: string, language: string, at: Date, word: () => string): string {
  const key = `${kind} ${language} ${timeZone}`;
  let byInstant = keptWordings.get(key);
  if (!byInstant) {
    byInstant = new Map();
    keptWordings.set(key, byInstant);
  }
  const ms = at.getTime();
  let text = byInstant.get(ms);
  if (text === undefined) {
    if (byInstant.size >= KEPT_WORDINGS) byInstant.clear();
    text = word();
    byInstant.set(ms, text);
  }
  return text;
}

/** ICU puts a narrow no-break space before AM/PM; pages and tests expect a plain one. */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * @example formatAbsolute(new Date('2023-09-13T04:02:00Z'), 'America/Los_Angeles') // 'Sep 12, 2023, 9:02 PM'
 */
export function formatAbsolute(at: Date, timeZone: string, language = 'en-US'): string {
  return kept('absolute', timeZone, language, at, () => {
    // The language's own clock: 12-hour for en-US, 24-hour for de-DE.
    const format = cached(
      absoluteFormats,
      timeZone,
      { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' },
      language,
    );
    return plainSpaces(format.format(at));
  });
}

/** The date alone: `Sep 12, 2023`. */
export function formatDate(at: Date, timeZone: string, language = 'en-US'): string {
  return kept('date', timeZone, language, at, () =>
    plainSpaces(cached(dateFormats, timeZone, { month: 'short', day: 'numeric', year: 'numeric' }, language).format(at)),
  );
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
  return kept('iso', timeZone, '', at, () => isoWithOffsetOf(at, timeZone));
}

function isoWithOffsetOf(at: Date, timeZone: string): string {
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
 * How long ago, as teasers show it: "now", "5 minutes ago", "22 hours ago",
 * "3 days ago" ("vor 3 Tagen" in German); after a week, the date itself.
 */
export function formatRelative(at: Date, now: Date, timeZone: string, language = 'en-US'): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 0) return formatAbsolute(at, timeZone, language);
  if (seconds < 60) return relativeFormat(language, 'auto').format(0, 'second');
  const relative = relativeFormat(language, 'always');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 7) return relative.format(-days, 'day');
  return formatDate(at, timeZone, language);
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
