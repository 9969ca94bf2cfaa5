import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import { renditionNear } from '../../domain/media.js';
import { sanitizeStoryHtml } from '../../domain/sanitize-story-html.js';
import { menuSections, type Section } from '../../domain/section.js';
import { slugify } from '../../domain/slug.js';
import { guardedFetch, OutboundError, type OutboundOptions } from '../../net/index.js';
import type { Store } from '../../store/index.js';
import { importPicture, PictureUnavailable, pictureBytes } from '../import-picture.js';
import { emptySummary, type ImportSummary } from '../import-summary.js';
import { type ArticleFacts, readArticleFacts } from './article-facts.js';

export interface UrlImportOptions {
  urls: string[];
  /** Publish at once; otherwise each story is a draft for an editor to check. */
  publish: boolean;
  /** An existing section's slug; without it, the first section of the menu. */
  sectionSlug?: string;
  outbound: OutboundOptions;
  clock?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

/** Pictures past this many in one body are left out (a gallery page would otherwise fetch for minutes). */
const MAX_BODY_PICTURES = 20;

/**
 * Pulls single articles from anywhere on the web: each page is fetched
 * through the guarded outbound client, its facts read from JSON-LD,
 * OpenGraph and the canonical link, its body extracted with Readability
 * and passed through the editor's sanitizer, its pictures brought into the
 * library (the reader pages load pictures from this site only). The story
 * names its source at its foot. A URL imported before (by its canonical
 * address) is not imported again.
 */
export async function importUrls(store: Store, options: UrlImportOptions): Promise<ImportSummary> {
  const clock = options.clock ?? (() => new Date());
  const summary = emptySummary('url');
  const section = await pickSection(store, options.sectionSlug);
  let done = 0;
  for (const url of options.urls) {
    try {
      await importOne(store, url, section, options, summary, clock);
    } catch (error) {
      if (error instanceof DatelineError || error instanceof OutboundError) summary.notImported.push({ where: url, why: error.message });
      else throw error;
    }
    options.onProgress?.(++done, options.urls.length);
  }
  return summary;
}

async function pickSection(store: Store, slug: string | undefined): Promise<Section> {
  if (slug) {
    const section = await store.sections.bySlug(slug);
    if (!section) {
      const known = (await store.sections.all()).map((s) => s.slug).join(', ');
      throw new DatelineError('BAD_INPUT', `There is no section "${slug}".`, { hint: `Use one of: ${known || '(none yet: create a section first)'}.` });
    }
    return section;
  }
  const first = menuSections(await store.sections.all())[0] ?? (await store.sections.all())[0];
  if (first) return first;
  return store.sections.create({ slug: 'news', name: 'News' });
}

async function importOne(store: Store, url: string, section: Section, options: UrlImportOptions, summary: ImportSummary, clock: () => Date): Promise<void> {
  const response = await guardedFetch(url, { headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Dateline article import' } }, { maxBytes: 5 * 1024 * 1024, ...options.outbound });
  if (response.status !== 200) throw new DatelineError('BAD_INPUT', `${url} answered ${response.status}, not the page.`);
  const type = response.header('content-type') ?? '';
  if (!/html/i.test(type)) throw new DatelineError('BAD_INPUT', `${url} is ${type || 'of no stated type'}, not an HTML page.`);
  const html = decode(response.body, type);
  const facts = readArticleFacts(html, response.url);
  const source = facts.canonical ?? response.url;
  if ((await store.importKeys.find('url', source)) !== undefined) {
    summary.unchanged.stories++;
    return;
  }
  // Readability changes the document it reads; it gets its own, with a base so relative links resolve.
  const { document } = parseHTML(html.replace(/<head([^>]*)>/i, `<head$1><base href="${response.url.replace(/"/g, '%22')}">`));
  const article = new Readability(document as unknown as Document).parse();
  if (!article?.content) throw new DatelineError('BAD_INPUT', `${url} has no article text Dateline could find.`, { hint: 'Copy the story by hand in the newsroom.' });
  const where = source;
  // Pictures first: the sanitizer drops any picture not already on this site or on https.
  const body = sanitizeStoryHtml(await localPictures(store, absoluteImages(article.content, response.url), options, summary, where, clock));
  const now = clock();
  const leadId = facts.image ? await picture(store, facts.image, { caption: '', alt: facts.imageAlt ?? '' }, options, summary, where, clock) : null;
  const authorIds: number[] = [];
  for (const name of facts.authors.length > 0 ? facts.authors : article.byline ? [article.byline.replace(/^by\s+/i, '')] : []) {
    authorIds.push(await authorNamed(store, name, summary));
  }
  const publishedAt = facts.published ?? (options.publish ? now : null);
  const events: ArticleEvent[] = [];
  const headline = (facts.headline ?? article.title ?? '').trim() || 'Untitled';
  await store.transaction(async (trx) => {
    const created = await store.articleWriter.create(
      {
        headline,
        slug: slugify(headline),
        summary: (facts.description ?? article.excerpt ?? '').trim().slice(0, 500),
        bodyHtml: body,
        label: 'news',
        status: options.publish ? 'published' : 'draft',
        sectionId: section.id,
        leadMediaId: leadId,
        publishedAt,
        authorIds: [...new Set(authorIds)],
        contributorNote: `First published at ${source}`,
      },
      now,
      { trx },
    );
    if (created.event) events.push(created.event);
    await store.importKeys.record(trx, { source: 'url', key: source, kind: 'story', targetId: created.id }, now);
  });
  store.articleWriter.announce(events);
  summary.created.stories++;
}

/** The page's text in the charset its header (or, failing that, its meta tag) names. */
function decode(body: Buffer, contentType: string): string {
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function absoluteImages(html: string, base: string): string {
  return html.replace(/(<img\b[^>]*\bsrc=")([^"]+)(")/gi, (whole, start: string, src: string, end: string) => {
    try {
      return `${start}${new URL(src, base).toString()}${end}`;
    } catch {
      return whole;
    }
  });
}

async function localPictures(store: Store, html: string, options: UrlImportOptions, summary: ImportSummary, where: string, clock: () => Date): Promise<string> {
  let out = html;
  const sources = [...new Set([...html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1] as string))];
  for (const [i, src] of sources.entries()) {
    const id = i < MAX_BODY_PICTURES ? await picture(store, src.replace(/&amp;/g, '&'), { caption: '', alt: '' }, options, summary, where, clock) : null;
    const media = id === null ? undefined : (await store.media.many([id])).get(id);
    const rendition = media && renditionNear(media, 960);
    // The reader pages load pictures from this site only: one that could not be brought over is left out.
    out = rendition
      ? out.replaceAll(`src="${src}"`, `src="${rendition.url}" data-media-id="${id}"`)
      : out.replace(new RegExp(`<img\\b[^>]*\\bsrc="${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`, 'g'), '');
  }
  return out;
}

async function picture(
  store: Store,
  url: string,
  fields: { caption: string; alt: string },
  options: UrlImportOptions,
  summary: ImportSummary,
  where: string,
  clock: () => Date,
): Promise<number | null> {
  const known = await store.importKeys.find('url', `picture:${url}`);
  if (known !== undefined) return known;
  try {
    const bytes = await pictureBytes(url, { outbound: options.outbound });
    const id = await importPicture(store, bytes, { name: url.split('/').pop()?.split('?')[0] ?? 'picture', ...fields, credit: '' }, clock(), (trx, mediaId) =>
      store.importKeys.record(trx, { source: 'url', key: `picture:${url}`, kind: 'media', targetId: mediaId }, clock()),
    );
    summary.created.pictures++;
    return id;
  } catch (error) {
    if (!(error instanceof PictureUnavailable)) throw error;
    summary.notes.push({ where, why: `picture left out: ${error.message}` });
    return null;
  }
}

/** An existing author of that name (any case), else a new one. */
async function authorNamed(store: Store, name: string, summary: ImportSummary): Promise<number> {
  const clean = name.trim().slice(0, 120);
  // The oldest author of that name, as the table's own order gave it before.
  const rows = (await store.authors.rows()).sort((a, b) => a.id - b.id);
  const match = rows.find((r) => r.name.toLowerCase() === clean.toLowerCase());
  if (match) return match.id;
  const root = slugify(clean) || 'author';
  let slug = root;
  for (let n = 2; rows.length > 0 && (await store.authors.bySlug(slug)); n++) slug = `${root}-${n}`;
  summary.created.authors++;
  return store.authors.create({ slug, name: clean, kind: 'person' });
}

export type { ArticleFacts };
