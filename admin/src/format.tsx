import type { AdminStatus } from '../../src/newsroom/admin-api-contract.ts';

/**
 * Every time in the newsroom is shown in the site's time zone, with the
 * zone named, in one format: "Dec 3, 2026, 3:04 PM PST". The zone comes
 * from the session answer (the site's setting), so an editor travelling,
 * or a laptop set to another zone, sees the times readers will see.
 */
let siteTimeZone = 'UTC';
let formatter = makeFormatter(siteTimeZone);

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
}

/** Called once the session answer names the site's zone. */
export function setSiteTimeZone(timeZone: string): void {
  try {
    formatter = makeFormatter(timeZone);
    siteTimeZone = timeZone;
  } catch {
    // An unknown zone name (it cannot pass the server's check, but a browser may lack it): stay on UTC, still labeled.
  }
}

export function currentTimeZone(): string {
  return siteTimeZone;
}

/** "Dec 3, 2026, 3:04 PM PST"; a dash for no time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date).replace(/\u202f/g, ' ');
}

/** The clock alone, for today's events such as a save: "3:04 PM PST". */
export function formatClock(at: Date): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: siteTimeZone }).format(at).replace(/\u202f/g, ' ');
}

/** A time as `<time>`, machine-readable and in the one format. */
export function Time(props: { at: string | null | undefined }) {
  return props.at ? <time dateTime={props.at}>{formatTime(props.at)}</time> : <>—</>;
}

/** The zone's short name now ("PST"), for labels such as "Publish at (PST)". */
export function zoneLabel(at = new Date()): string {
  return formatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? siteTimeZone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in the site's zone. */
function wallClock(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', timeZone: siteTimeZone });
  for (const part of format.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: (parts.hour ?? 0) % 24, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** ISO → the value a <input type="datetime-local"> shows: the site's wall clock, to the minute. */
export function toSiteInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const w = wallClock(date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A datetime-local value read as the site's wall clock → the instant (ISO, UTC).
 * The zone's offset is found by comparing the wall clock of a first guess, twice, so a
 * daylight-saving change between the guess and the answer is followed. Null when unreadable.
 */
export function fromSiteInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, sec] = match.map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi, sec);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess));
    const seen = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    guess += wanted - seen;
  }
  return new Date(guess).toISOString();
}

export const STATUS_LABELS: Record<AdminStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  scheduled: 'Scheduled',
  published: 'Published',
  withheld: 'Withheld',
  withdrawn: 'Withdrawn',
};

export function StatusBadge(props: { status: AdminStatus }) {
  return <span class={`status status-${props.status}`}>{STATUS_LABELS[props.status] ?? props.status}</span>;
}
