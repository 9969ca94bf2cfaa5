import { DatelineError } from '../domain/errors.js';
import { normalizeEmail, type Subscription } from '../domain/newsletter.js';
import type { ImportRow } from '../store/index.js';

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Subscribers as CSV: email, status, when they asked, when they consented (confirmed), when they left, how they came. */
export function subscribersCsv(subscriptions: readonly Subscription[]): string {
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  const lines = ['email,status,requested_at,consented_at,unsubscribed_at,source'];
  for (const s of subscriptions) lines.push([s.email, s.status, iso(s.requestedAt), iso(s.confirmedAt), iso(s.unsubscribedAt), s.source].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** Splits one CSV line, with quoted fields. */
function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Reads an import: a header with `email` and `consented_at` (an ISO date of
 * the reader's consent, which must be given: nobody is subscribed without
 * one). Every bad line is reported with its number; none is imported then.
 */
export function parseSubscriberCsv(text: string): ImportRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new DatelineError('BAD_INPUT', 'The CSV is empty.', { hint: 'Give a header line email,consented_at and one subscriber per line.' });
  const header = splitLine(lines[0]!).map((h) => h.toLowerCase());
  const emailAt = header.indexOf('email');
  const consentAt = header.indexOf('consented_at');
  if (emailAt < 0 || consentAt < 0) {
    throw new DatelineError('BAD_INPUT', `The CSV header is "${lines[0]!.slice(0, 80)}"; it needs the columns email and consented_at.`, {
      hint: 'Export from the old system with each address and the date it consented, e.g. email,consented_at then ann@example.com,2025-04-01T09:00:00Z.',
    });
  }
  const rows: ImportRow[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let n = 1; n < lines.length; n++) {
    const fields = splitLine(lines[n]!);
    const email = normalizeEmail(fields[emailAt]);
    const consented = new Date(fields[consentAt] ?? '');
    if (!email) problems.push(`line ${n + 1}: "${(fields[emailAt] ?? '').slice(0, 60)}" is not an email address`);
    else if (!fields[consentAt] || Number.isNaN(consented.getTime())) problems.push(`line ${n + 1}: consented_at "${(fields[consentAt] ?? '').slice(0, 40)}" is not a date`);
    else if (!seen.has(email)) {
      seen.add(email);
      rows.push({ email, consentedAt: consented });
    }
    if (problems.length >= 20) break;
  }
  if (problems.length > 0) {
    throw new DatelineError('BAD_INPUT', `The CSV has lines that cannot be imported: ${problems.join('; ')}.`, { hint: 'Fix those lines and import the file again; nothing was imported.' });
  }
  return rows;
}
