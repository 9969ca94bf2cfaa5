import type { Selectable } from 'kysely';
import type { ArticleStatus } from '../domain/article.js';
import type { Author } from '../domain/author.js';
import type { Label } from '../domain/label.js';
import type { Media, Rendition } from '../domain/media.js';
import type { Section } from '../domain/section.js';
import type { Sponsor } from '../domain/sponsor.js';
import type { ArticleTable, AuthorTable, MediaTable, SectionTable, SponsorTable } from './schema.js';

/** Turns database rows into domain values; nothing outside store/ sees a row. */
export function toSection(row: Selectable<SectionTable>): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    position: row.position,
    inMenu: row.in_menu === 1,
  };
}

export function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    caption: row.caption,
    credit: row.credit,
    source: row.source,
    alt: row.alt,
    renditions: JSON.parse(row.renditions) as Rendition[],
    focal: { x: Number(row.focal_x ?? 0.5), y: Number(row.focal_y ?? 0.5) },
    crops: JSON.parse(row.crops ?? '[]') as Rendition[],
    copyright: row.copyright ?? '',
  };
}

export function toSponsor(row: Selectable<SponsorTable>): Sponsor {
  return { id: row.id, slug: row.slug, name: row.name, url: row.url, blurb: row.blurb };
}

export function toAuthor(row: Selectable<AuthorTable>, picture: Media | null): Author {
  return { id: row.id, slug: row.slug, name: row.name, kind: row.kind, bio: row.bio, picture };
}

export function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** The story's own columns as domain fields; readers add its section, authors, tags and media. */
export function articleFields(row: Selectable<ArticleTable>) {
  return {
    id: row.id,
    slug: row.slug,
    path: row.path,
    headline: row.headline,
    summary: row.summary,
    bodyHtml: row.body_html,
    dateline: row.dateline,
    label: row.label as Label,
    status: row.status as ArticleStatus,
    publishedAt: toDate(row.published_at),
    updatedAt: toDate(row.updated_at),
    modifiedAt: new Date(row.modified_at),
    contributorNote: row.contributor_note,
    language: row.language ?? null,
    copyrightNotice: row.copyright_notice ?? null,
    copyrightHolder: row.copyright_holder ?? null,
  };
}
