import type { AdminLabel } from '../admin-api-contract.js';

/**
 * The fields of a story an editor edits, as one revision stores them. Status,
 * times and corrections are not in it: they change through workflow actions,
 * not saves, and restoring an old revision must not unpublish a story.
 */
export interface ArticleSnapshot {
  headline: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  dateline: string | null;
  label: AdminLabel;
  sponsorId: number | null;
  sectionId: number;
  authorIds: number[];
  tags: string[];
  leadMediaId: number | null;
  contributorNote: string | null;
  /** BCP 47 tag when the story is in another language than the site's; null: the site's. */
  language: string | null;
}

export const SNAPSHOT_FIELDS = [
  'headline',
  'slug',
  'summary',
  'bodyHtml',
  'dateline',
  'label',
  'sponsorId',
  'sectionId',
  'authorIds',
  'tags',
  'leadMediaId',
  'contributorNote',
  'language',
] as const satisfies ReadonlyArray<keyof ArticleSnapshot>;

export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * The fields that differ between two snapshots, in the order of SNAPSHOT_FIELDS.
 * @example changedFields(null, s) // every field: a first revision changes everything
 */
export function changedFields(before: ArticleSnapshot | null, after: ArticleSnapshot): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter((field) => before === null || !same(before[field], after[field]));
}

/** Reads a stored snapshot, tolerating fields a later version added (they read as their empty value). */
export function parseSnapshot(json: string): ArticleSnapshot {
  const raw = JSON.parse(json) as Partial<ArticleSnapshot>;
  return {
    headline: raw.headline ?? '',
    slug: raw.slug ?? '',
    summary: raw.summary ?? '',
    bodyHtml: raw.bodyHtml ?? '',
    dateline: raw.dateline ?? null,
    label: raw.label ?? 'news',
    sponsorId: raw.sponsorId ?? null,
    sectionId: raw.sectionId ?? 0,
    authorIds: raw.authorIds ?? [],
    tags: raw.tags ?? [],
    leadMediaId: raw.leadMediaId ?? null,
    contributorNote: raw.contributorNote ?? null,
    language: raw.language ?? null,
  };
}
