import { textOfHtml } from '../../domain/excerpt.js';
import type { RevisionDiff } from '../admin-api-contract.js';
import { type ArticleSnapshot, changedFields } from './article-snapshot.js';
import { wordDiff } from './word-diff.js';

/**
 * What differs between two revisions: each changed field with both values,
 * and the body's text as a word diff (empty when the body did not change).
 */
export function revisionDiff(from: { revision: number; snapshot: ArticleSnapshot }, to: { revision: number; snapshot: ArticleSnapshot }): RevisionDiff {
  const fields = changedFields(from.snapshot, to.snapshot).map((field) => ({
    field,
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
