import { DatelineError } from '../domain/errors.js';
import type { Section } from '../domain/section.js';
import { searchEdge } from '../domain/zoned-day.js';

/** Results on one page of /search. */
export const SEARCH_PAGE_SIZE = 20;

/** What the form shows back: the reader's own values, dates as `YYYY-MM-DD`. */
export interface SearchForm {
  q: string;
  section: string;
  from: string;
  to: string;
}

export interface SearchRequest {
  form: SearchForm;
  /** Absent when the reader has not searched yet (the bare form). */
  text?: string | undefined;
  section?: Section | undefined;
  from?: Date | undefined;
  /** Exclusive: the start of the day after the one the reader picked. */
  to?: Date | undefined;
  page: number;
}

/**
 * Reads /search's query string. Dates are days in the site's time zone
 * (`2026-03-10`, what a date input sends) or ISO instants with an offset.
 * Throws BAD_INPUT saying which field is wrong; `form` on the error lets
 * the page show the reader's values back.
 */
export function parseSearchRequest(
  query: Record<string, unknown>,
  sections: readonly Section[],
  timeZone: string,
  maxPage: number,
): SearchRequest {
  const value = (name: string) => {
    const raw = query[name];
    return typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : undefined;
  };
  const form: SearchForm = { q: value('q') ?? '', section: value('section') ?? '', from: value('from') ?? '', to: value('to') ?? '' };
  const fail = (message: string, hint: string): never => {
    throw Object.assign(new DatelineError('BAD_INPUT', message, { hint }), { form });
  };

  const section = form.section ? sections.find((s) => s.slug === form.section) : undefined;
  if (form.section && !section) fail(`There is no section called “${form.section.slice(0, 40)}”.`, 'Pick a section from the list.');

  const instant = (name: 'from' | 'to'): Date | undefined => {
    const text = form[name].trim();
    if (!text) return undefined;
    const found = searchEdge(text, name, timeZone);
    if (!found) return fail(`The ${name} date “${text.slice(0, 40)}” is not a date.`, 'Give a date as YYYY-MM-DD, for example 2026-03-10.');
    form[name] = found.day;
    return found.at;
  };
  const from = instant('from');
  const to = instant('to');
  if (from && to && from >= to) fail('The from date is after the to date.', 'Swap the two dates, or clear one of them.');

  const pageText = value('page') ?? '1';
  const page = /^\d{1,4}$/.test(pageText) ? Number(pageText) : Number.NaN;
  if (!(page >= 1 && page <= maxPage)) {
    fail(`The page “${pageText.slice(0, 20)}” is not a page of results.`, `Pages go from 1 to ${maxPage}; follow the page links under the results.`);
  }

  const text = value('q');
  return { form, text, section, from, to, page };
}

/** The form a failed request carried, so the error page can show it back. */
export function formOf(error: unknown): SearchForm | undefined {
  return (error as { form?: SearchForm }).form;
}

/** The URL of another page of the same search. */
export function searchUrl(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.section) params.set('section', form.section);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}
