import { readFile } from 'node:fs/promises';
import type { ArticleStatus } from '../../domain/article.js';
import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import { renditionNear } from '../../domain/media.js';
import { sanitizeStoryHtml } from '../../domain/sanitize-story-html.js';
import type { Section } from '../../domain/section.js';
import { slugify } from '../../domain/slug.js';
import { staticPathProblem } from '../../domain/static-page.js';
import { tagSlug } from '../../domain/tag.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { OutboundOptions } from '../../net/index.js';
import type { Store, Tx } from '../../store/index.js';
import { importPicture, PictureUnavailable, pictureBytes } from '../import-picture.js';
import { emptySummary, type ImportSummary } from '../import-summary.js';
import { ghostBodyHtml } from './ghost-body.js';

export interface GhostImportOptions {
  file: string;
  /** The Ghost site's address: `__GHOST_URL__` in the export is replaced by it, and picture URLs are fetched there. */
  ghostUrl?: string;
  /** A copy of Ghost's content/images folder, read before the network. */
  imagesDir?: string;
  outbound: OutboundOptions;
  clock?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

interface GhostPost {
  id: string;
  title?: string;
  slug?: string;
  html?: string | null;
  lexical?: string | null;
  mobiledoc?: string | null;
  feature_image?: string | null;
  feature_image_alt?: string | null;
  feature_image_caption?: string | null;
  custom_excerpt?: string | null;
  status?: string;
  type?: string;
  published_at?: string | null;
  page?: boolean | number;
}

interface GhostData {
  posts: GhostPost[];
  tags: Array<{ id: string; name: string; slug: string; visibility?: string }>;
  users: Array<{ id: string; name: string; slug: string; email?: string; bio?: string | null; profile_image?: string | null }>;
  posts_tags: Array<{ post_id: string; tag_id: string; sort_order?: number }>;
  posts_authors: Array<{ post_id: string; author_id: string; sort_order?: number }>;
  posts_meta: Array<{ post_id: string; feature_image_alt?: string | null; feature_image_caption?: string | null }>;
}

const STATUS: Record<string, ArticleStatus> = { published: 'published', draft: 'draft', scheduled: 'scheduled', sent: 'published' };

/** Reads Ghost's JSON export (Ghost 4–6: `{ db: [{ meta, data }] }`, or `{ meta, data }`). */
export async function readGhostExport(file: string): Promise<GhostData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatelineError('BAD_INPUT', `There is no readable file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Give the path of the Ghost export (Settings → Labs → Export your content).',
    });
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatelineError('BAD_INPUT', `${file} is not JSON: ${(error as Error).message}.`, { hint: 'Give the .json file Ghost exports, not a zip or a theme.' });
  }
  const data = json?.db?.[0]?.data ?? json?.data;
  if (!data || !Array.isArray(data.posts)) {
    throw new DatelineError('BAD_INPUT', `${file} is not a Ghost export: it has no data.posts.`, { hint: 'Give the .json file Ghost exports (Settings → Labs → Export your content).' });
  }
  const list = (name: string) => (Array.isArray(data[name]) ? data[name] : []);
  return { posts: data.posts, tags: list('tags'), users: list('users'), posts_tags: list('posts_tags'), posts_authors: list('posts_authors'), posts_meta: list('posts_meta') };
}

/**
 * Imports a Ghost export: authors (with bios and pictures, matched by
 * email like WordPress's), public tags (internal `#` tags are left out),
 * posts as stories, pages as static pages, feature and body pictures, and
 * redirects from `/{slug}/`, `/tag/{slug}/` and `/author/{slug}/`. A
 * post's primary tag (its first public one) becomes its section. Each post
 * commits with its source key, so a second run changes nothing.
 */
export async function importGhost(store: Store, options: GhostImportOptions): Promise<ImportSummary> {
  const clock = options.clock ?? (() => new Date());
  const data = await readGhostExport(options.file);
  const base = (options.ghostUrl ?? '').replace(/\/+$/, '');
  const summary = emptySummary(`ghost:${base || options.file}`);
  const source = summary.source;
  const resolve = (text: string | null | undefined) => (text ?? '').replaceAll('__GHOST_URL__', base);
  const pictureCache = new Map<string, number | null>();

  async function picture(url: string, fields: { caption: string; alt: string }, where: string): Promise<number | null> {
    const absolute = resolve(url);
    const cached = pictureCache.get(absolute);
    if (cached !== undefined) return cached;
    const key = `picture:${absolute}`;
    let id = (await store.importKeys.find(source, key)) ?? null;
    if (id === null) {
      try {
        const bytes = await pictureBytes(absolute, { uploadsDir: options.imagesDir, outbound: options.outbound });
        id = await importPicture(store, bytes, { name: absolute.split('/').pop() ?? 'picture', caption: fields.caption, alt: fields.alt, credit: '' }, clock(), (trx, mediaId) =>
          store.importKeys.record(trx, { source, key, kind: 'media', targetId: mediaId }, clock()),
        );
        summary.created.pictures++;
      } catch (error) {
        if (!(error instanceof PictureUnavailable)) throw error;
        summary.notImported.push({ where, why: error.message });
        id = null;
      }
    }
    pictureCache.set(absolute, id);
    return id;
  }

  // Authors, matched by email across imports.
  const authorIds = new Map<string, number>();
  for (const user of data.users) {
    const keys = [...(user.email ? [{ source: 'email', key: `author:${user.email.toLowerCase()}` }] : []), { source, key: `user:${user.id}` }];
    let id: number | undefined;
    for (const k of keys) id = id ?? (await store.importKeys.find(k.source, k.key));
    if (id !== undefined) {
      summary.unchanged.authors++;
    } else {
      const pictureId = user.profile_image ? await picture(user.profile_image, { caption: '', alt: user.name }, `author ${user.slug}`) : null;
      id = await store.transaction(async (trx) => {
        const root = slugify(user.slug || user.name) || 'author';
        const authorId = await store.authors.createWithFreeSlug(trx, root, { name: user.name || user.slug, kind: 'person', bio: user.bio ?? '', pictureId });
        for (const k of keys) await store.importKeys.record(trx, { ...k, kind: 'author', targetId: authorId }, clock());
        return authorId;
      });
      summary.created.authors++;
    }
    authorIds.set(user.id, id);
    const authorSlug = await store.authors.slugOf(id);
    if (authorSlug === undefined) throw new Error(`author ${id} vanished during the import`);
    if (user.slug) {
      await redirect(`/author/${user.slug}`, `/authors/${authorSlug}`);
      await redirect(`/author/${user.slug}/rss`, `/authors/${authorSlug}/rss.xml`);
    }
  }

  /** Adds a redirect, in the caller's transaction when given one. */
  async function redirect(from: string, to: string, tx?: Tx): Promise<void> {
    const added = tx ? await store.redirects.add(tx, from, to, clock()) : await store.redirects.addOne(from, to, clock());
    if (added) summary.redirects++;
  }

  // Tags: internal ones (#name, Ghost's own bookkeeping) are not shown to readers and are left out.
  const tags = new Map<string, { name: string; slug: string }>();
  for (const tag of data.tags) {
    if (tag.name.startsWith('#') || tag.visibility === 'internal') {
      summary.skipped['internal tags'] = (summary.skipped['internal tags'] ?? 0) + 1;
      continue;
    }
    tags.set(tag.id, { name: tag.name, slug: tag.slug });
    if (tagSlug(tag.name)) {
      await redirect(`/tag/${tag.slug}`, `/tags/${tagSlug(tag.name)}`);
      await redirect(`/tag/${tag.slug}/rss`, `/tags/${tagSlug(tag.name)}/rss.xml`);
    }
  }
  const postTags = groupBy(data.posts_tags, (r) => r.post_id);
  const postAuthors = groupBy(data.posts_authors, (r) => r.post_id);
  const meta = new Map(data.posts_meta.map((m) => [m.post_id, m]));

  const sections = new Map<string, Section>();
  async function sectionFor(tag: { name: string; slug: string } | undefined): Promise<Section> {
    const slug = slugify(tag?.slug ?? 'uncategorized') || 'uncategorized';
    const known = sections.get(slug) ?? (await store.sections.bySlug(slug));
    if (known) {
      sections.set(slug, known);
      return known;
    }
    const created = await store.sections.create({ slug, name: tag?.name ?? 'Uncategorized', inMenu: tag !== undefined });
    summary.created.sections++;
    sections.set(slug, created);
    return created;
  }

  let done = 0;
  for (const post of data.posts) {
    const where = `${post.type === 'page' || post.page ? 'page' : 'post'} ${post.id} "${(post.title ?? '').slice(0, 60)}"`;
    try {
      await importPost(post, where);
    } catch (error) {
      if (!(error instanceof DatelineError)) throw error;
      summary.notImported.push({ where, why: error.message });
    }
    options.onProgress?.(++done, data.posts.length);
  }
  return summary;

  async function importPost(post: GhostPost, where: string): Promise<void> {
    const isPage = post.type === 'page' || post.page === true || post.page === 1;
    const key = `post:${post.id}`;
    if ((await store.importKeys.find(source, key)) !== undefined) {
      summary.unchanged[isPage ? 'pages' : 'stories']++;
      return;
    }
    const status = STATUS[post.status ?? ''];
    if (!status) {
      summary.notImported.push({ where, why: `its status "${post.status}" is not one Dateline imports` });
      return;
    }
    const { html: rawHtml, note } = ghostBodyHtml(post);
    if (note) summary.notes.push({ where, why: note });
    // Links to the old site become site-relative, so they land on its redirects here.
    let html = resolve(rawHtml.replaceAll('href="__GHOST_URL__/', 'href="/'));
    // Body pictures come into the library; their tags point there.
    for (const src of new Set([...html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1] as string))) {
      const id = await picture(src, { caption: '', alt: '' }, where);
      if (id === null) continue;
      const media = (await store.media.many([id])).get(id);
      const rendition = media && renditionNear(media, 960);
      if (!rendition) continue;
      html = html.replaceAll(`src="${src}"`, `src="${rendition.url}" data-media-id="${id}"`);
    }
    html = html.replace(/\s(srcset|sizes)="[^"]*"/g, '');
    const bodyHtml = sanitizeStoryHtml(html);
    const now = clock();
    const title = post.title?.trim() || 'Untitled';
    const publishedAt = post.published_at ? new Date(post.published_at) : null;
    const oldPath = post.slug ? `/${post.slug}` : null;

    if (isPage) {
      const wanted = oldPath?.toLowerCase() ?? `/${slugify(title)}`;
      const path = !staticPathProblem(wanted) && !(await store.staticPages.byPath(wanted)) && !(await store.sections.byPath(wanted)) ? wanted : `/pages/${slugify(post.slug ?? title) || post.id}`;
      await store.transaction(async (trx) => {
        const id = await store.staticPages.create({ path, title, description: resolve(post.custom_excerpt).slice(0, 300), bodyHtml, published: status === 'published', inFooter: status === 'published' }, now, trx);
        if (oldPath && oldPath !== path) await redirect(oldPath, path, trx);
        await store.importKeys.record(trx, { source, key, kind: 'page', targetId: id }, now);
      });
      store.staticPages.announcePending();
      summary.created.pages++;
      return;
    }

    const tagRows = (postTags.get(post.id) ?? []).sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
    const postTagList = tagRows.flatMap((r) => tags.get(r.tag_id) ?? []);
    const section = await sectionFor(postTagList[0]);
    const authors = (postAuthors.get(post.id) ?? []).sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0)).flatMap((r) => authorIds.get(r.author_id) ?? []);
    const m = meta.get(post.id);
    const leadId = post.feature_image
      ? await picture(post.feature_image, { caption: stripTags(m?.feature_image_caption ?? post.feature_image_caption ?? ''), alt: m?.feature_image_alt ?? post.feature_image_alt ?? '' }, where)
      : null;
    const events: ArticleEvent[] = [];
    await store.transaction(async (trx) => {
      const created = await store.articleWriter.create(
        {
          headline: title,
          slug: post.slug,
          summary: resolve(post.custom_excerpt).slice(0, 500),
          bodyHtml,
          label: 'news',
          status,
          sectionId: section.id,
          leadMediaId: leadId,
          publishedAt: status === 'draft' ? null : publishedAt,
          authorIds: [...new Set(authors)],
          tagNames: postTagList.slice(1).map((t) => t.name),
        },
        now,
        { trx },
      );
      if (created.event) events.push(created.event);
      if (status === 'scheduled' && publishedAt) {
        await store.schedule.set(trx, created.id, publishedAt);
        await store.jobs.enqueue(trx, { kind: JOB_KINDS.articlePublish, payload: { articleId: created.id }, runAt: publishedAt, key: String(created.id), replace: true }, now);
      }
      if (oldPath && oldPath !== created.path) {
        summary.redirects += await store.redirects.addMany(trx, { storyPaths: [{ path: oldPath, articleId: created.id }], redirects: [] }, now);
      }
      await store.importKeys.record(trx, { source, key, kind: 'story', targetId: created.id }, now);
    });
    store.articleWriter.announce(events);
    summary.created.stories++;
  }
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row)) ?? [];
    list.push(row);
    map.set(keyOf(row), list);
  }
  return map;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}
