import { textOfHtml } from '../../domain/excerpt.js';
import type { RevisionDiff } from '../admin-api-contract.js';
import { type ArticleSnapshot, changedFields, SNAPSHOT_FIELDS, type SnapshotField } from './article-snapshot.js';
import { wordDiff } from './word-diff.js';

/** What the newsroom calls each field: revisions and diffs never show the API's names (`leadMediaId`). */
export const FIELD_NAMES: Record<SnapshotField, string> = {
  headline: 'Headline',
  slug: 'Web address',
  summary: 'Summary',
  bodyHtml: 'Story text',
  dateline: 'Dateline',
  label: 'Label',
  sponsorId: 'Sponsor',
  sectionId: 'Section',
  authorIds: 'Byline',
  tags: 'Tags',
  leadMediaId: 'Lead photo',
  contributorNote: 'Contributor note',
  language: 'Language',
};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** One line for one changed field: "Lead photo added", "Headline changed", "Sponsor removed". */
export function changeLine(field: string, before?: unknown, after?: unknown): string {
  const name = FIELD_NAMES[field as SnapshotField] ?? 'Another field';
  if (before !== undefined && after !== undefined) {
    if (isEmpty(before) && !isEmpty(after)) return `${name} added`;
    if (!isEmpty(before) && isEmpty(after)) return `${name} removed`;
  }
  return `${name} changed`;
}

/** The lines a revision list shows: "Story created" for a first revision, else one per changed field. */
export function changeLines(changed: readonly string[]): string[] {
  if (changed.length >= SNAPSHOT_FIELDS.length) return ['Story created'];
  return changed.map((field) => changeLine(field));
}

/**
 * What differs between two revisions: each changed field with both values,
 * and the body's text as a word diff (empty when the body did not change).
 */
export function revisionDiff(from: { revision: number; snapshot: ArticleSnapshot }, to: { revision: number; snapshot: ArticleSnapshot }): RevisionDiff {
  const fields = changedFields(from.snapshot, to.snapshot).map((field) => ({
    field,
    label: changeLine(field, from.snapshot[field], to.snapshot[field]),
    before: from.snapshot[field],
    after: to.snapshot[field],
  }));
  const bodyChanged = fields.some((f) => f.field === 'bodyHtml');
  return {
    from: from.revision,
    to: to.revision,
    fields,
    bodyDiff: bodyChanged ? wordDiff(textOfHtml(from.snapshot.bodyHtml), textOfHtml(to.snapshot.bodyHtml)) : [],
  };
}
