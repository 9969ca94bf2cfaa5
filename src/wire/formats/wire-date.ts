/**
 * Agency times. Neither the ninjs schemas (format is not enforced) nor
 * fast-xml-parser check them, so we do: RFC 3339 / xs:dateTime, with the zone
 * optional (read as UTC, and said so) and date-only values allowed (midnight
 * UTC, as NewsML-G2's DateOptTime permits). Impossible dates are errors.
 */
export type WireDate = { ok: true; date: Date; note: string | null } | { ok: false; reason: string };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

export function parseWireDate(raw: string, field: string): WireDate {
  const text = raw.trim();
  const m = DATE_TIME.exec(text);
  if (!m) return { ok: false, reason: `${field} "${clip(text)}" is not a date-time (expected RFC 3339, e.g. 2024-05-01T14:30:00Z)` };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1000) return { ok: false, reason: `${field} "${text}" has the year ${y}, which no news item carries` };
  if (month < 1 || month > 12) return { ok: false, reason: `${field} "${text}" has month ${mo}, which does not exist` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { ok: false, reason: `${field} "${text}" names day ${d} of a month with ${daysInMonth} days` };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return { ok: false, reason: `${field} "${text}" has an impossible time of day` };
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const zh = Number(digits.slice(1, 3));
    const zm = Number(digits.slice(3, 5));
    if (zh > 23 || zm > 59) return { ok: false, reason: `${field} "${text}" has an impossible time zone offset ${zone}` };
    offsetMinutes = (zh * 60 + zm) * (digits.startsWith('-') ? -1 : 1);
  }
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  // A leap second (:60) is folded into the next second, as JavaScript dates cannot hold it.
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms) - offsetMinutes * 60_000;
  const date = new Date(utc);
  const note = m[4] === undefined ? null : zone ? null : `${field} "${text}" has no time zone; read as UTC`;
  return { ok: true, date, note };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
