import { parseHTML } from 'linkedom';
import { TEST_SITE_URL, type TestSite } from './test-site.js';

/**
 * Helpers for the reader-site integration suites: fetch a page over real
 * HTTP, parse it, and read its parts the way a crawler or a reader would.
 * Expected values are computed here with Intl directly, never with the app's
 * own formatting functions, so a bug there cannot hide in both places.
 */

/** The demo site's time zone (config default). */
export const SITE_TIME_ZONE = 'America/Los_Angeles';

/** The menu the demo newsroom configures, in order. */
export const MENU = [
  { name: 'News', path: '/news' },
  { name: 'Opinion', path: '/opinion' },
  { name: 'Sports', path: '/sports' },
  { name: 'Tools', path: '/tools' },
  { name: 'Connect', path: '/connect' },
];

/** `2026-03-10T11:30:00-07:00` */
export const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

export interface FetchedPage {
  status: number;
  headers: Headers;
  body: string;
  document: Document;
}

/** GET (or another method) a path of the test site without following redirects. */
export async function getPage(site: Pick<TestSite, 'url'>, path: string, init: RequestInit = {}): Promise<FetchedPage> {
  const response = await fetch(`${site.url}${path}`, { redirect: 'manual', ...init });
  const body = await response.text();
  const { document } = parseHTML(body || '<!doctype html><html><head></head><body></body></html>');
  return { status: response.status, headers: response.headers, body, document };
}

/** Status and content type of a URL the page points at (relative, or absolute on TEST_SITE_URL). */
export async function probe(site: Pick<TestSite, 'url'>, url: string): Promise<{ status: number; contentType: string }> {
  const response = await fetch(localUrl(site, url), { redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '' };
}

/** The test server's address for a link found on a page. */
export function localUrl(site: Pick<TestSite, 'url'>, url: string): string {
  if (url.startsWith(TEST_SITE_URL)) return `${site.url}${url.slice(TEST_SITE_URL.length) || '/'}`;
  if (/^https?:\/\//.test(url)) throw new Error(`${url} is not on the site`);
  return `${site.url}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** Text with runs of white space folded, as a reader sees it. */
export function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** `<meta name=…>` or `<meta property=…>` content, or null. */
export function metaContent(document: Document, key: string): string | null {
  const el = document.querySelector(`meta[name="${key}"]`) ?? document.querySelector(`meta[property="${key}"]`);
  return el ? el.getAttribute('content') : null;
}

/** Every JSON-LD block of the page, parsed. */
export function jsonLdOf(document: Document): Array<Record<string, unknown>> {
  return [...document.querySelectorAll('script[type="application/ld+json"]')].map(
    (script) => JSON.parse(script.textContent ?? '') as Record<string, unknown>,
  );
}

/** URLs of a srcset attribute. */
export function srcsetUrls(srcset: string | null): string[] {
  return (srcset ?? '')
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url.length > 0);
}

export interface TeaserView {
  headline: string;
  href: string;
  authors: string;
  excerpt: string;
  kicker: string;
  datetime: string;
  timeText: string;
  image: { alt: string; src: string; srcset: string } | null;
}

/** The teasers (item 13's markup) in a part of a page, in order. */
export function teasersIn(root: ParentNode): TeaserView[] {
  return [...root.querySelectorAll('li.teaser')].map((li) => {
    const link = li.querySelector('.teaser-headline a');
    const time = li.querySelector('time');
    const img = li.querySelector('img');
    return {
      headline: textOf(link),
      href: link?.getAttribute('href') ?? '',
      authors: textOf(li.querySelector('.teaser-author')),
      excerpt: textOf(li.querySelector('.teaser-excerpt')),
      kicker: textOf(li.querySelector('.teaser-kicker')),
      datetime: time?.getAttribute('datetime') ?? '',
      timeText: textOf(time),
      image: img
        ? { alt: img.getAttribute('alt') ?? '', src: img.getAttribute('src') ?? '', srcset: img.getAttribute('srcset') ?? '' }
        : null,
    };
  });
}

function parts(at: Date, options: Intl.DateTimeFormatOptions, timeZone = SITE_TIME_ZONE): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-US', { timeZone, ...options }).formatToParts(at)) result[part.type] = part.value;
  return result;
}

/** `Mar 10, 2026, 11:30 AM` in the site's zone. */
export function expectedAbsolute(at: Date, timeZone = SITE_TIME_ZONE): string {
  const p = parts(at, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }, timeZone);
  return `${p.month} ${p.day}, ${p.year}, ${p.hour}:${p.minute} ${p.dayPeriod}`;
}

/** `Mar 3, 2026`: what a teaser shows for a story older than a week. */
export function expectedDate(at: Date, timeZone = SITE_TIME_ZONE): string {
  const p = parts(at, { month: 'short', day: 'numeric', year: 'numeric' }, timeZone);
  return `${p.month} ${p.day}, ${p.year}`;
}

/** The wall-clock part of an ISO datetime in the site's zone: `2026-03-10T11:30:00`. */
export function expectedLocalIso(at: Date, timeZone = SITE_TIME_ZONE): string {
  const p = parts(
    at,
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    timeZone,
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The relative time a teaser shows for a story published at `at`, seen at `now`. */
export function expectedRelative(at: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return 'now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return expectedDate(at);
}

/** Whether a `<time datetime>` value names exactly `at`, with the site zone's offset for that instant. */
export function datetimeMatches(datetime: string, at: Date): boolean {
  return (
    ISO_WITH_OFFSET.test(datetime) &&
    new Date(datetime).getTime() === at.getTime() &&
    datetime.slice(0, 19) === expectedLocalIso(at)
  );
}
