import type { ArticleNote } from './article-note.js';
import type { Author } from './author.js';
import type { Label } from './label.js';
import type { Media } from './media.js';
import type { Section } from './section.js';
import type { Sponsor } from './sponsor.js';
import type { Tag } from './tag.js';

/**
 * Where a story is in its life: written as a draft, submitted for review,
 * scheduled for a set time, published, withheld (off the site for now, as
 * an agency may ask, and may come back), or withdrawn for good (its URL
 * answers 410 Gone).
 */
export const ARTICLE_STATUSES = ['draft', 'submitted', 'scheduled', 'published', 'withheld', 'withdrawn'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** A story as readers see it, with everything its page needs. */
export interface Article {
  id: number;
  slug: string;
  /** Current public path, `/news/politics/council-passes-budget`. */
  path: string;
  headline: string;
  summary: string;
  /** Sanitized HTML of the body. */
  bodyHtml: string;
  dateline: string | null;
  label: Label;
  status: ArticleStatus;
  section: Section;
  publishedAt: Date | null;
  /** Set when the story changed after it was first published. */
  updatedAt: Date | null;
  /** When the row last changed in any way; drives caches and ETags. */
  modifiedAt: Date;
  contributorNote: string | null;
  authors: Author[];
  tags: Tag[];
  leadMedia: Media | null;
  sponsor: Sponsor | null;
  /** Corrections and updates, oldest first. */
  corrections: ArticleNote[];
  /** BCP 47 tag of the story's language when it has its own (a German wire story: de); null or absent: the site's. */
  language?: string | null;
  /** A wire story's rights line as the agency gave it ("Copyright 2019, dpa"); null or absent for staff copy. */
  copyrightNotice?: string | null;
  /** Who holds the rights to a wire story ("dpa"), as the agency named them. */
  copyrightHolder?: string | null;
}

/** The short form of a story used in lists: fronts, "More in", author and tag pages. */
export interface Teaser {
  id: number;
  path: string;
  headline: string;
  summary: string;
  /** The opening of the body, cut at a word boundary and ended with […]. */
  excerpt: string;
  label: Label;
  section: Section;
  publishedAt: Date;
  authors: Pick<Author, 'name' | 'slug' | 'kind'>[];
  leadMedia: Media | null;
  sponsor: Sponsor | null;
}

/** Where a list continues: the last item's publication time and id (keyset pagination). */
export interface ListCursor {
  publishedAt: number;
  id: number;
}

export function encodeCursor(cursor: ListCursor): string {
  return `${cursor.publishedAt.toString(36)}.${cursor.id.toString(36)}`;
}

/** Reads a cursor from a URL; null when it is malformed (the caller answers 400). */
export function decodeCursor(text: string): ListCursor | null {
  const match = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})$/.exec(text);
  if (!match) return null;
  const publishedAt = Number.parseInt(match[1] as string, 36);
  const id = Number.parseInt(match[2] as string, 36);
  if (!Number.isSafeInteger(publishedAt) || !Number.isSafeInteger(id)) return null;
  return { publishedAt, id };
}

/** Whether readers may see the story now. */
export function isPublic(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return article.status === 'published' && article.publishedAt !== null && article.publishedAt <= now;
}

/** The path of a story inside its section: section path + slug. */
export function articlePath(sectionPathText: string, slug: string): string {
  return `${sectionPathText}/${slug}`;
}
