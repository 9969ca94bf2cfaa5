import type { Article, Teaser } from '../domain/article.js';
import { type Author, authorPath } from '../domain/author.js';
import type { Media } from '../domain/media.js';
import { type Section, sectionPath } from '../domain/section.js';
import { uriPath } from '../domain/slug.js';
import type { Sponsor } from '../domain/sponsor.js';
import { type Tag, tagPath } from '../domain/tag.js';
import { isoWithOffset } from '../domain/time-format.js';
import type { ArticleJson, AuthorJson, ImageJson, SectionJson, TagJson, TeaserJson } from './api-schemas.js';

/** What turning domain values into API JSON needs to know about the site. */
export interface JsonContext {
  /** Public base URL of the site, without a trailing slash. */
  siteUrl: string;
  timeZone: string;
  sectionsById: ReadonlyMap<number, Section>;
}

/** Where the API lives under the site. */
export const API_PREFIX = '/api/v1';

const absolute = (ctx: JsonContext, path: string) => (/^https?:\/\//.test(path) ? path : `${ctx.siteUrl}${uriPath(path)}`);

export function apiUrl(ctx: Pick<JsonContext, 'siteUrl'>, pathAndQuery: string): string {
  return `${ctx.siteUrl}${API_PREFIX}${pathAndQuery}`;
}

function times(ctx: JsonContext, at: Date) {
  return { zoned: isoWithOffset(at, ctx.timeZone), utc: `${at.toISOString().slice(0, 19)}Z` };
}

export function imageJson(ctx: JsonContext, media: Media | null): ImageJson | null {
  if (!media) return null;
  return {
    caption: media.caption,
    credit: media.credit,
    source: media.source,
    alt: media.alt,
    copyrightNotice: media.copyright ?? '',
    width: media.width,
    height: media.height,
    renditions: media.renditions.map((r) => ({ format: r.format, width: r.width, height: r.height, url: absolute(ctx, r.url) })),
  };
}

function sectionRef(ctx: JsonContext, section: Section) {
  const path = sectionPath(section, ctx.sectionsById);
  return { slug: section.slug, name: section.name, path, url: absolute(ctx, path) };
}

export function sectionJson(ctx: JsonContext, section: Section): SectionJson {
  const parent = section.parentId === null ? undefined : ctx.sectionsById.get(section.parentId);
  return {
    ...sectionRef(ctx, section),
    description: section.description,
    parent: parent?.slug ?? null,
    inMenu: section.inMenu,
    articles: apiUrl(ctx, `/articles?section=${encodeURIComponent(section.slug)}`),
  };
}

function authorRef(ctx: JsonContext, author: Pick<Author, 'slug' | 'name' | 'kind'>) {
  return { slug: author.slug, name: author.name, kind: author.kind, url: absolute(ctx, authorPath(author)) };
}

export function authorJson(ctx: JsonContext, author: Author): AuthorJson {
  return {
    ...authorRef(ctx, author),
    bio: author.bio,
    picture: imageJson(ctx, author.picture),
    articles: apiUrl(ctx, `/articles?author=${encodeURIComponent(author.slug)}`),
  };
}

export function tagJson(ctx: JsonContext, tag: Tag): TagJson {
  return {
    slug: tag.slug,
    name: tag.name,
    url: absolute(ctx, tagPath(tag)),
    articles: apiUrl(ctx, `/articles?tag=${encodeURIComponent(tag.slug)}`),
  };
}

function sponsorJson(sponsor: Sponsor | null) {
  return sponsor && { slug: sponsor.slug, name: sponsor.name, url: sponsor.url, blurb: sponsor.blurb };
}

export function teaserJson(ctx: JsonContext, teaser: Teaser): TeaserJson {
  const published = times(ctx, teaser.publishedAt);
  return {
    id: teaser.id,
    url: absolute(ctx, teaser.path),
    path: teaser.path,
    headline: teaser.headline,
    summary: teaser.summary,
    excerpt: teaser.excerpt,
    label: teaser.label,
    section: sectionRef(ctx, teaser.section),
    publishedAt: published.zoned,
    publishedAtUtc: published.utc,
    authors: teaser.authors.map((a) => authorRef(ctx, a)),
    leadImage: imageJson(ctx, teaser.leadMedia),
    sponsor: sponsorJson(teaser.sponsor),
  };
}

/** A public story (callers check that it is public: publishedAt is set). */
export function articleJson(ctx: JsonContext, article: Article & { publishedAt: Date }): ArticleJson {
  const published = times(ctx, article.publishedAt);
  const updated = article.updatedAt && times(ctx, article.updatedAt);
  return {
    id: article.id,
    url: absolute(ctx, article.path),
    path: article.path,
    headline: article.headline,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    dateline: article.dateline,
    label: article.label,
    section: sectionRef(ctx, article.section),
    publishedAt: published.zoned,
    publishedAtUtc: published.utc,
    updatedAt: updated ? updated.zoned : null,
    updatedAtUtc: updated ? updated.utc : null,
    authors: article.authors.map((a) => authorRef(ctx, a)),
    tags: article.tags.map((t) => ({ slug: t.slug, name: t.name, url: absolute(ctx, tagPath(t)) })),
    leadImage: imageJson(ctx, article.leadMedia),
    sponsor: sponsorJson(article.sponsor),
    contributorNote: article.contributorNote,
    copyrightNotice: article.copyrightNotice ?? null,
    copyrightHolder: article.copyrightHolder ?? null,
  };
}
