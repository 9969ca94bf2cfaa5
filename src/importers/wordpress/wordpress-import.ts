import type { ArticleStatus } from '../../domain/article.js';
import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import { renditionNear } from '../../domain/media.js';
import { type Section, sectionPath } from '../../domain/section.js';
import { slugify } from '../../domain/slug.js';
import { staticPathProblem } from '../../domain/static-page.js';
import { tagSlug } from '../../domain/tag.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { OutboundOptions } from '../../net/index.js';
import { WriteBatch } from '../../store/article-writer.js';
import type { ArticleInput, Store, Tx } from '../../store/index.js';
import { normalizeRedirectPath } from '../../store/redirect-repo.js';
import { importPicture, PictureUnavailable, pictureBytes } from '../import-picture.js';
import { emptySummary, type ImportSummary } from '../import-summary.js';
import { type BodyPicture, cleanBody } from './wp-body.js';
import { pathOf, postPaths } from './wp-urls.js';
import { metaValue, type Position, readWxr, type WxrItem, type WxrRecord } from './wxr-reader.js';

export interface WordPressImportOptions {
  file: string;
  /** A copy of wp-content/uploads; pictures not found there are fetched. */
  uploadsDir?: string;
  /** `as-is` keeps each post's status; `drafts` brings everything in as a draft. */
  statuses: 'as-is' | 'drafts';
  /** The section (an existing slug) for posts in no category or only in "Uncategorized". */
  uncategorizedSection?: string;
  /** What the guarded client may reach when it fetches pictures. */
  outbound: OutboundOptions;
  clock?: () => Date;
  /** Called as work is done: `done` of `total` items. */
  onProgress?: (done: number, total: number) => void;
}

type Category = Extract<WxrRecord, { kind: 'category' }>;
type Author = Extract<WxrRecord, { kind: 'author' }>;

/** What the first pass keeps of an attachment: little, so a site with many pictures still fits. */
interface Attachment {
  id: string;
  url: string;
  link: string;
  parent: string;
  title: string;
  caption: string;
  alt: string;
  credit: string;
  at: Position;
  broken: string | null;
}

/** What the first pass learns of the whole file. */
interface Scan {
  site: Extract<WxrRecord, { kind: 'site' }> | null;
  authors: Author[];
  categories: Category[];
  tags: Array<{ slug: string; name: string }>;
  attachments: Attachment[];
  /** Items that are not attachments, for the progress total. */
  items: number;
  problems: Array<{ at: Position; message: string; warning?: boolean }>;
}

const STATUS: Record<string, ArticleStatus> = {
  publish: 'published',
  draft: 'draft',
  pending: 'submitted',
  future: 'scheduled',
  private: 'draft',
  // Auto-drafts and trash are what WordPress itself never shows.
};

/**
 * Imports a WordPress export (WXR 1.0–1.2): authors, categories as
 * sections, tags, pictures, posts as stories and the redirects from every
 * old address. It reads the file twice, each time as a stream: first what
 * posts refer to (authors, terms, attachments — small), then the posts.
 * Each post is written in one transaction with its source key, its old
 * paths and its redirects, so an interrupted run, run again, finishes the
 * job with every post there exactly once.
 */
export async function importWordPress(store: Store, options: WordPressImportOptions): Promise<ImportSummary> {
  const clock = options.clock ?? (() => new Date());
  const scan = await scanFile(options.file);
  const site = scan.site;
  const siteUrl = (site?.baseBlogUrl || site?.link || '').replace(/\/+$/, '');
  const summary = emptySummary(`wordpress:${siteUrl || options.file}`);
  const total = scan.attachments.length + scan.items;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  for (const p of scan.problems) (p.warning ? summary.notes : summary.notImported).push({ where: `line ${p.at.line}, column ${p.at.column}`, why: p.message });
  if (!site?.version) summary.notes.push({ where: 'file', why: 'no <wp:wxr_version>: read as WXR 1.2' });

  const ctx = new ImportContext(store, summary, clock, siteUrl);
  await ctx.importAuthors(scan.authors);
  const sections = await ctx.importCategories(scan.categories, options.uncategorizedSection);
  await ctx.tagRedirects(scan.tags);

  // Pictures first: posts name them as their lead and in their bodies.
  for (const attachment of scan.attachments) {
    await ctx.importAttachment(attachment, options);
    tick();
  }
  const pictures = await ctx.pictureIndex(scan.attachments);

  await ctx.loadImported();
  for await (const record of readWxr(options.file)) {
    if (record.kind !== 'item') continue;
    const type = field(record.item, 'wp:post_type');
    if (type === 'attachment' && record.item.errors.length === 0) continue;
    summary.commentsLeft += record.item.comments;
    await ctx.importItem(record.item, { sections, pictures, statuses: options.statuses });
    tick();
  }
  await ctx.flushPosts();
  await ctx.attachmentRedirects(scan.attachments, pictures);
  return summary;
}

function field(item: WxrItem, name: string): string {
  return (item.fields.get(name) ?? '').trim();
}

/** Pass one: everything posts refer to, and how many items there are. */
async function scanFile(file: string): Promise<Scan> {
  const scan: Scan = { site: null, authors: [], categories: [], tags: [], attachments: [], items: 0, problems: [] };
  let records: AsyncGenerator<WxrRecord>;
  try {
    // Only attachments are read in this pass; other items are counted from their raw text.
    records = readWxr(file, { parseItem: (text) => /<(?:\w+:)?post_type>\s*(?:<!\[CDATA\[)?\s*attachment\b/.test(text) });
    for await (const record of records) {
      if (record.kind === 'site') scan.site = record;
      else if (record.kind === 'author') scan.authors.push(record);
      else if (record.kind === 'category') scan.categories.push(record);
      else if (record.kind === 'tag') scan.tags.push(record);
      else if (record.kind === 'problem') scan.problems.push(record);
      else if (record.kind === 'unparsed') scan.items++;
      else if (field(record.item, 'wp:post_type') === 'attachment' && record.item.errors.length === 0) {
        const item = record.item;
        scan.attachments.push({
          id: field(item, 'wp:post_id'),
          url: field(item, 'wp:attachment_url') || field(item, 'guid'),
          link: field(item, 'link'),
          parent: field(item, 'wp:post_parent'),
          title: field(item, 'title'),
          caption: field(item, 'excerpt:encoded'),
          alt: (metaValue(item, '_wp_attachment_image_alt') ?? '').trim(),
          credit: creditOf(metaValue(item, '_wp_attachment_metadata') ?? ''),
          at: item.at,
          broken: null,
        });
      } else scan.items++;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatelineError('BAD_INPUT', `There is no file ${file}.`, { hint: 'Give the path of the WordPress export (Tools → Export → All content).' });
    }
    if (error instanceof DatelineError) throw error;
    throw new DatelineError('BAD_INPUT', `${file} cannot be read as a WordPress export: ${(error as Error).message}.`, { cause: error });
  }
  return scan;
}

/** The credit WordPress read from the picture's IPTC, inside PHP-serialized attachment metadata. */
function creditOf(serialized: string): string {
  const match = /s:6:"credit";s:\d+:"([^"]*)"/.exec(serialized);
  return match?.[1]?.trim() ?? '';
}

/** Posts per transaction: enough that commits stop dominating, few enough that a failed batch is cheap to retry post by post. */
const POSTS_PER_TRANSACTION = 200;

/** A post read, cleaned and placed, waiting for its batch's transaction. */
interface PreparedPost {
  id: string;
  where: string;
  input: ArticleInput;
  scheduleAt: Date | null;
  /** Old paths (no query) that become the story's article_paths. */
  paths: string[];
  /** `/?p=ID` and the like, which go to the redirects table. */
  queryPaths: string[];
}

interface ItemContext {
  sections: SectionMap;
  pictures: PictureIndex;
  statuses: 'as-is' | 'drafts';
}

interface SectionMap {
  bySlug: Map<string, Section>;
  fallback: () => Promise<Section>;
  /** Category slugs whose section is the fallback (Uncategorized). */
  uncategorized: Set<string>;
}

/** Pictures by attachment ID and by every URL form WordPress gave them. */
class PictureIndex {
  readonly byId = new Map<string, BodyPicture>();
  readonly byKey = new Map<string, BodyPicture>();
  readonly byParent = new Map<string, BodyPicture[]>();

  add(attachment: Attachment, picture: BodyPicture): void {
    this.byId.set(attachment.id, picture);
    for (const url of [attachment.url, attachment.link]) {
      const key = pictureKey(url);
      if (key) this.byKey.set(key, picture);
    }
    if (attachment.parent && attachment.parent !== '0') {
      const list = this.byParent.get(attachment.parent) ?? [];
      list.push(picture);
      this.byParent.set(attachment.parent, list);
    }
  }

  byUrl(url: string): BodyPicture | undefined {
    const key = pictureKey(url);
    if (!key) return undefined;
    const id = /[?&]attachment_id=(\d+)/.exec(url)?.[1];
    return this.byKey.get(key) ?? (id ? this.byId.get(id) : undefined);
  }
}

/** The part of a picture URL that names it whatever size, host or scheme: `2013/03/photo.jpg`. */
function pictureKey(url: string): string | null {
  const path = pathOf(url);
  if (!path) return null;
  const uploads = /\/(?:wp-content\/uploads|files)\/(.+)$/.exec(path);
  const key = (uploads?.[1] ?? path).toLowerCase();
  return key.replace(/-(?:\d+x\d+|scaled|rotated)(\.[a-z0-9]+)$/, '$1');
}

class ImportContext {
  private readonly authorsByLogin = new Map<string, number>();
  /** Source keys of what earlier runs imported (posts and pages), read once before the second pass. */
  private imported = new Set<string>();

  async loadImported(): Promise<void> {
    const [stories, pages] = await Promise.all([this.store.importKeys.all(this.source, 'story'), this.store.importKeys.all(this.source, 'page')]);
    this.imported = new Set([...stories.keys(), ...pages.keys()]);
  }

  constructor(
    private readonly store: Store,
    private readonly summary: ImportSummary,
    private readonly clock: () => Date,
    private readonly siteUrl: string,
  ) {}

  private get source(): string {
    return this.summary.source;
  }

  private get hosts(): Set<string> {
    const hosts = new Set<string>();
    try {
      if (this.siteUrl) hosts.add(new URL(this.siteUrl).host.toLowerCase());
    } catch {
      // A site URL that is not a URL: links stay as they are.
    }
    return hosts;
  }

  /** Adds a redirect, in the caller's transaction when given one. */
  private async redirect(tx: Tx | undefined, from: string, to: string): Promise<void> {
    const added = tx ? await this.store.redirects.add(tx, from, to, this.clock()) : await this.store.redirects.addOne(from, to, this.clock());
    if (added) this.summary.redirects++;
  }

  /** Authors match by email across imports (the same person in two exports is one author), else by login within this site. */
  async importAuthors(authors: Author[]): Promise<void> {
    for (const author of authors) await this.author(author.login, author.displayName, author.email);
  }

  private async author(login: string, displayName: string, email: string): Promise<number> {
    const known = this.authorsByLogin.get(login);
    if (known !== undefined) return known;
    const keys = [...(email ? [{ source: 'email', key: `author:${email.toLowerCase()}` }] : []), { source: this.source, key: `login:${login}` }];
    let id: number | undefined;
    for (const k of keys) {
      id = id ?? (await this.store.importKeys.find(k.source, k.key));
    }
    if (id !== undefined) {
      this.summary.unchanged.authors++;
    } else {
      const name = displayName || login || 'Unknown author';
      const base = slugify(name) || slugify(login) || 'author';
      id = await this.store.transaction(async (trx) => {
        const authorId = await this.store.authors.createWithFreeSlug(trx, base, { name, kind: 'person' });
        for (const k of keys) await this.store.importKeys.record(trx, { ...k, kind: 'author', targetId: authorId }, this.clock());
        return authorId;
      });
      this.summary.created.authors++;
    }
    this.authorsByLogin.set(login, id);
    const slug = await this.store.authors.slugOf(id);
    if (slug === undefined) throw new Error(`author ${id} vanished during the import`);
    const nicename = slugify(login);
    if (nicename) {
      await this.redirect(undefined, `/author/${nicename}`, `/authors/${slug}`);
      await this.redirect(undefined, `/author/${nicename}/feed`, `/authors/${slug}/rss.xml`);
    }
    return id;
  }

  /**
   * Categories become sections: top-level ones top-level sections, their
   * children sub-sections; anything deeper folds into its second-level
   * ancestor (Dateline has two levels) and is reported. A section that
   * already exists with the slug is used as it is.
   */
  async importCategories(categories: Category[], uncategorizedSlug: string | undefined): Promise<SectionMap> {
    const bySlug = new Map(categories.map((c) => [c.slug, c]));
    const chain = (c: Category): Category[] => {
      const out: Category[] = [c];
      const seen = new Set([c.slug]);
      let current = c;
      while (current.parent && bySlug.has(current.parent) && !seen.has(current.parent)) {
        current = bySlug.get(current.parent) as Category;
        seen.add(current.slug);
        out.unshift(current);
      }
      return out;
    };
    const map: SectionMap = { bySlug: new Map(), fallback: async () => this.fallbackSection(uncategorizedSlug), uncategorized: new Set() };
    let position = 0;
    for (const category of categories) {
      if (!category.slug) continue;
      if (category.slug === 'uncategorized' && uncategorizedSlug) {
        map.uncategorized.add(category.slug);
        continue;
      }
      const lineage = chain(category);
      // Level 1 and 2 are kept; a deeper category takes its level-2 ancestor's section.
      const kept = lineage.slice(0, 2);
      if (lineage.length > 2) {
        this.summary.notes.push({
          where: `category "${category.name}"`,
          why: `${lineage.length} levels deep (${lineage.map((c) => c.slug).join(' › ')}); its posts go to "${kept[1]?.name}"`,
        });
      }
      let parent: Section | null = null;
      for (const level of kept) {
        parent = await this.section(level, parent, position++);
      }
      const section = parent as Section;
      map.bySlug.set(category.slug, section);
      const byId = await this.store.sections.byId();
      const target = sectionPath(section, byId);
      const wpPath = `/category/${lineage.map((c) => c.slug).join('/')}`;
      for (const from of new Set([wpPath, `/category/${category.slug}`])) {
        await this.redirect(undefined, from, target);
        await this.redirect(undefined, `${from}/feed`, `${target}/rss.xml`);
      }
      if (category.termId) await this.redirect(undefined, `/?cat=${category.termId}`, target);
    }
    return map;
  }

  private async section(category: Category, parent: Section | null, position: number): Promise<Section> {
    const keyed = await this.store.importKeys.find(this.source, `category:${category.slug}`);
    const sections = await this.store.sections.all();
    const existing = sections.find((s) => (keyed !== undefined ? s.id === keyed : s.slug === slugify(category.slug)));
    if (existing) {
      if (keyed !== undefined) this.summary.unchanged.sections++;
      else await this.store.transaction((trx) => this.store.importKeys.record(trx, { source: this.source, key: `category:${category.slug}`, kind: 'section', targetId: existing.id }));
      return existing;
    }
    const section = await this.store.sections.create({
      slug: slugify(category.slug) || slugify(category.name) || `section-${position}`,
      name: category.name || category.slug,
      description: category.description,
      parentId: parent?.id ?? null,
      position,
      // Sub-sections are reached from their parent's front, not the menu.
      inMenu: parent === null,
    });
    await this.store.transaction((trx) => this.store.importKeys.record(trx, { source: this.source, key: `category:${category.slug}`, kind: 'section', targetId: section.id }));
    this.summary.created.sections++;
    return section;
  }

  private fallbackCache: Section | null = null;

  private async fallbackSection(slug: string | undefined): Promise<Section> {
    if (this.fallbackCache) return this.fallbackCache;
    const wanted = slug ?? 'uncategorized';
    let section = await this.store.sections.bySlug(wanted);
    if (!section) {
      if (slug) throw new DatelineError('BAD_INPUT', `There is no section "${slug}".`, { hint: 'Create the section first, or leave out --section-for-uncategorized.' });
      section = await this.store.sections.create({ slug: 'uncategorized', name: 'Uncategorized', position: 999, inMenu: false });
      this.summary.created.sections++;
    }
    this.fallbackCache = section;
    return section;
  }

  async tagRedirects(tags: Array<{ slug: string; name: string }>): Promise<void> {
    for (const tag of tags) {
      if (!tag.slug || !tag.name) continue;
      const slug = tagSlug(tag.name);
      if (!slug) continue;
      await this.redirect(undefined, `/tag/${tag.slug}`, `/tags/${slug}`);
      await this.redirect(undefined, `/tag/${tag.slug}/feed`, `/tags/${slug}/rss.xml`);
    }
  }

  async importAttachment(attachment: Attachment, options: WordPressImportOptions): Promise<void> {
    const key = `post:${attachment.id}`;
    if ((await this.store.importKeys.find(this.source, key)) !== undefined) {
      this.summary.unchanged.pictures++;
      return;
    }
    const where = `line ${attachment.at.line}: attachment ${attachment.id} (${attachment.url.split('/').pop() ?? ''})`;
    try {
      const bytes = await pictureBytes(attachment.url, { uploadsDir: options.uploadsDir, outbound: options.outbound });
      await importPicture(
        this.store,
        bytes,
        { name: attachment.url.split('/').pop() ?? attachment.title, caption: stripTags(attachment.caption), alt: attachment.alt || attachment.title, credit: attachment.credit },
        this.clock(),
        (trx, id) => this.store.importKeys.record(trx, { source: this.source, key, kind: 'media', targetId: id }, this.clock()),
      );
      this.summary.created.pictures++;
    } catch (error) {
      if (!(error instanceof PictureUnavailable)) throw error;
      attachment.broken = error.message;
      this.summary.notImported.push({ where, why: error.message });
    }
  }

  async pictureIndex(attachments: Attachment[]): Promise<PictureIndex> {
    const index = new PictureIndex();
    const ids = await this.store.importKeys.all(this.source, 'media');
    const media = await this.store.media.many([...ids.values()]);
    for (const attachment of attachments) {
      const id = ids.get(`post:${attachment.id}`);
      const picture = id === undefined ? undefined : media.get(id);
      if (!picture) continue;
      const rendition = renditionNear(picture, 960);
      if (!rendition) continue;
      index.add(attachment, { mediaId: picture.id, src: rendition.url, width: rendition.width, height: rendition.height, alt: picture.alt, caption: picture.caption });
    }
    return index;
  }

  async importItem(item: WxrItem, ctx: ItemContext): Promise<void> {
    const id = field(item, 'wp:post_id');
    const type = field(item, 'wp:post_type');
    const title = field(item, 'title');
    const where = `line ${item.at.line}, column ${item.at.column}: ${type || 'item'} ${id || '(no ID)'}${title ? ` "${title.slice(0, 60)}"` : ''}`;
    if (item.errors.length > 0) {
      const first = item.errors[0] as { at: Position; message: string };
      this.summary.notImported.push({ where, why: `line ${first.at.line}, column ${first.at.column}: ${first.message}` });
      return;
    }
    if (!id || !/^\d+$/.test(id)) {
      this.summary.notImported.push({ where, why: 'it has no <wp:post_id>' });
      return;
    }
    if (type !== 'post' && type !== 'page') {
      // Menus, revisions, custom post types of plugins: Dateline has no place for them.
      const kind = type || 'items without a post type';
      this.summary.skipped[kind] = (this.summary.skipped[kind] ?? 0) + 1;
      return;
    }
    const wpStatus = field(item, 'wp:status');
    const mapped = STATUS[wpStatus];
    if (!mapped) {
      this.summary.notImported.push({ where, why: `its status "${wpStatus}" is one WordPress does not show (auto-draft, trash, inherit)` });
      return;
    }
    if (this.queued.has(id)) {
      this.summary.notImported.push({ where, why: `post ${id} comes twice in the file; the first is imported` });
      return;
    }
    if (this.imported.has(`post:${id}`)) {
      this.summary.unchanged[type === 'page' ? 'pages' : 'stories']++;
      return;
    }
    this.queued.add(id);
    if (type === 'page') await this.importPage(item, id, title, mapped, ctx, where);
    else await this.importPost(item, id, title, mapped, ctx, where);
  }

  /**
   * A page becomes a static page at its old path (or, when a section, a
   * story or the site itself answers there, at /pages/<slug>, with a
   * redirect). Published top-level pages are linked from the footer.
   */
  private async importPage(item: WxrItem, id: string, title: string, mapped: ArticleStatus, ctx: ItemContext, where: string): Promise<void> {
    const now = this.clock();
    const slug = safeDecode(field(item, 'wp:post_name')) || slugify(title) || `page-${id}`;
    const oldPath = pathOf(field(item, 'link'));
    const wanted = oldPath && !oldPath.includes('?') ? oldPath.toLowerCase() : `/${slug}`;
    const path = (await this.freePagePath(wanted)) ?? (await this.freePagePath(`/pages/${slugify(slug) || id}`)) ?? `/pages/${id}`;
    if (path !== wanted) this.summary.notes.push({ where, why: `${wanted} is taken on this site; the page is at ${path} and ${wanted} is left as it is` });
    const pictures = ctx.pictures;
    const body = cleanBody(item.fields.get('content:encoded') ?? '', {
      pictureByUrl: (url) => pictures.byUrl(url),
      pictureById: (pid) => pictures.byId.get(pid),
      attached: () => pictures.byParent.get(id) ?? [],
      siteHosts: this.hosts,
    });
    for (const note of new Set(body.notes)) this.summary.notes.push({ where, why: note });
    const published = ctx.statuses === 'as-is' && mapped === 'published';
    const topLevel = !field(item, 'wp:post_parent') || field(item, 'wp:post_parent') === '0';
    await this.store.transaction(async (trx) => {
      const pageId = await this.store.staticPages.create(
        {
          path,
          title: decodeEntities(title) || 'Untitled',
          description: decodeEntities(stripTags(item.fields.get('excerpt:encoded') ?? '')).trim().slice(0, 300),
          bodyHtml: body.html,
          published,
          inFooter: published && topLevel,
          position: Number.parseInt(field(item, 'wp:menu_order'), 10) || 0,
        },
        now,
        trx,
      );
      if (oldPath && oldPath !== path) await this.redirect(trx, oldPath, path);
      await this.redirect(trx, `/?page_id=${id}`, path);
      await this.store.importKeys.record(trx, { source: this.source, key: `post:${id}`, kind: 'page', targetId: pageId }, now);
    });
    this.store.staticPages.announcePending();
    this.summary.created.pages++;
  }

  /** `path` when a static page may have it, else undefined. */
  private async freePagePath(path: string): Promise<string | undefined> {
    if (staticPathProblem(path)) return undefined;
    if (await this.store.staticPages.byPath(path)) return undefined;
    if (await this.store.sections.byPath(path)) return undefined;
    if ((await this.store.articles.byPath(path)).kind !== 'none') return undefined;
    return path;
  }

  private async importPost(item: WxrItem, id: string, title: string, mapped: ArticleStatus, ctx: ItemContext, where: string): Promise<void> {
    const status: ArticleStatus = ctx.statuses === 'drafts' ? 'draft' : mapped;
    const categories = item.terms.filter((t) => t.domain === 'category');
    const primary = categories.find((c) => ctx.sections.bySlug.has(c.slug) && !ctx.sections.uncategorized.has(c.slug));
    const section = primary ? (ctx.sections.bySlug.get(primary.slug) as Section) : await ctx.sections.fallback();
    // A story has one section; the other categories stay findable as tags.
    const tagNames = [
      ...item.terms.filter((t) => t.domain === 'post_tag').map((t) => t.name),
      ...categories.filter((c) => c !== primary && c.slug !== 'uncategorized').map((c) => c.name),
    ].filter((name, i, all) => name && tagSlug(name) && all.indexOf(name) === i);
    const login = field(item, 'dc:creator');
    const authorId = login ? await this.author(login, login, '') : undefined;
    const publishedAt = dateOf(field(item, 'wp:post_date_gmt')) ?? dateOf(field(item, 'wp:post_date'));
    const pictures = ctx.pictures;
    const body = cleanBody(item.fields.get('content:encoded') ?? '', {
      pictureByUrl: (url) => pictures.byUrl(url),
      pictureById: (pid) => pictures.byId.get(pid),
      attached: () => pictures.byParent.get(id) ?? [],
      siteHosts: this.hosts,
    });
    for (const note of new Set(body.notes)) this.summary.notes.push({ where, why: note });
    const thumbnail = metaValue(item, '_thumbnail_id')?.trim();
    const lead = thumbnail ? pictures.byId.get(thumbnail) : undefined;
    if (thumbnail && !lead) this.summary.notes.push({ where, why: `its featured picture (attachment ${thumbnail}) was not imported` });
    if (field(item, 'wp:is_sticky') === '1') this.summary.notes.push({ where, why: 'it was sticky; Dateline has no sticky stories (place it on a front by hand)' });
    if (!title) this.summary.notes.push({ where, why: 'it has no title; it is headed "Untitled"' });
    const oldSlugs = item.meta.filter(([k]) => k === '_wp_old_slug').map(([, v]) => v);
    this.queued.add(id);
    this.pending.push({
      id,
      where,
      input: {
        headline: decodeEntities(title) || 'Untitled',
        slug: safeDecode(field(item, 'wp:post_name')) || undefined,
        summary: decodeEntities(stripTags(item.fields.get('excerpt:encoded') ?? '')).trim().slice(0, 500),
        bodyHtml: body.html,
        label: 'news',
        status,
        sectionId: section.id,
        leadMediaId: lead?.mediaId ?? null,
        publishedAt: status === 'draft' && mapped !== 'published' ? null : publishedAt,
        authorIds: authorId === undefined ? [] : [authorId],
        tagNames,
      },
      scheduleAt: status === 'scheduled' ? publishedAt : null,
      paths: postPaths({ link: field(item, 'link'), slug: field(item, 'wp:post_name'), oldSlugs, id, localDate: field(item, 'wp:post_date') }),
      queryPaths: [`/?p=${id}`, ...[pathOf(field(item, 'guid'))].filter((p): p is string => !!p?.startsWith('/?'))],
    });
    if (this.pending.length >= POSTS_PER_TRANSACTION) await this.flushPosts();
  }

  private pending: PreparedPost[] = [];
  /** Post IDs written or waiting in `pending`: a post listed twice in one file is imported once. */
  private queued = new Set<string>();

  /**
   * Writes the waiting posts in one transaction (a transaction per post
   * spends most of its time committing): every story with its source key,
   * old paths and redirects, so after a kill the batch is there whole or
   * not at all. When the batch fails, each post is tried alone, so one bad
   * post is reported and the others still land.
   */
  async flushPosts(): Promise<void> {
    const posts = this.pending;
    this.pending = [];
    if (posts.length === 0) return;
    try {
      await this.writePosts(posts);
    } catch (error) {
      if (posts.length === 1) {
        this.summary.notImported.push({ where: posts[0]?.where ?? '', why: `it could not be stored: ${(error as Error).message}` });
        return;
      }
      for (const post of posts) {
        try {
          await this.writePosts([post]);
        } catch (single) {
          this.summary.notImported.push({ where: post.where, why: `it could not be stored: ${(single as Error).message}` });
        }
      }
    }
  }

  private async writePosts(posts: PreparedPost[]): Promise<void> {
    const now = this.clock();
    const events: ArticleEvent[] = [];
    let redirects = 0;
    await this.store.transaction(async (trx) => {
      const batch = new WriteBatch();
      const storyPaths: Array<{ path: string; articleId: number }> = [];
      const redirectRows: Array<{ path: string; target: string }> = [];
      const keyRows: Array<{ source: string; key: string; kind: string; targetId: number }> = [];
      for (const post of posts) {
        const created = await this.store.articleWriter.create(post.input, now, { trx, batch });
        if (created.event) events.push(created.event);
        if (post.scheduleAt) {
          await this.store.schedule.set(trx, created.id, post.scheduleAt);
          await this.store.jobs.enqueue(trx, { kind: JOB_KINDS.articlePublish, payload: { articleId: created.id }, runAt: post.scheduleAt, key: String(created.id), replace: true }, now);
        }
        for (const path of post.paths) if (path !== created.path) storyPaths.push({ path, articleId: created.id });
        for (const from of post.queryPaths) {
          const path = normalizeRedirectPath(from);
          if (path) redirectRows.push({ path, target: created.path });
        }
        keyRows.push({ source: this.source, key: `post:${post.id}`, kind: 'story', targetId: created.id });
      }
      await this.store.articleWriter.flushBatch(trx, batch);
      redirects += await this.store.redirects.addMany(trx, { storyPaths, redirects: redirectRows }, now);
      await this.store.importKeys.recordMany(trx, keyRows, now);
    });
    this.store.articleWriter.announce(events);
    this.summary.redirects += redirects;
    this.summary.created.stories += posts.length;
  }

  /** An attachment's page goes to the story it was attached to, else to the picture itself. */
  async attachmentRedirects(attachments: Attachment[], pictures: PictureIndex): Promise<void> {
    const stories = await this.store.importKeys.all(this.source, 'story');
    for (const attachment of attachments) {
      const picture = pictures.byId.get(attachment.id);
      const storyId = stories.get(`post:${attachment.parent}`);
      let target: string | undefined;
      if (storyId !== undefined) {
        target = await this.store.redirects.storyPath(storyId);
      }
      target = target ?? picture?.src;
      if (!target) continue;
      const link = pathOf(attachment.link);
      if (link) await this.redirect(undefined, link, target);
      await this.redirect(undefined, `/?attachment_id=${attachment.id}`, target);
    }
    await this.redirect(undefined, '/feed', '/rss.xml');
    await this.redirect(undefined, '/feed/atom', '/atom.xml');
  }
}

/** `2013-01-10 20:15:40` (UTC when it is post_date_gmt) → Date; WordPress writes zeros for "not set". */
function dateOf(text: string): Date | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)$/.exec(text);
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Titles and excerpts come HTML-escaped; the store keeps plain text. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
