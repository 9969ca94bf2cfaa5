import { describe, expect, it } from 'vitest';
import { type ArticleSnapshot, changedFields, parseSnapshot } from './article-snapshot.js';
import { revisionDiff } from './revision-diff.js';

const base: ArticleSnapshot = {
  headline: 'Council passes budget',
  slug: 'council-passes-budget',
  summary: '',
  bodyHtml: '<p>The council met on Monday.</p>',
  dateline: null,
  label: 'news',
  sponsorId: null,
  sectionId: 1,
  authorIds: [1, 2],
  tags: ['Budget'],
  leadMediaId: null,
  contributorNote: null,
};

describe('changedFields', () => {
  it('names every field for a first revision and none for an equal one', () => {
    expect(changedFields(null, base)).toHaveLength(12);
    expect(changedFields(base, { ...base, authorIds: [1, 2], tags: ['Budget'] })).toEqual([]);
  });

  it('sees a byline reordered', () => {
    expect(changedFields(base, { ...base, authorIds: [2, 1] })).toEqual(['authorIds']);
  });
});

describe('revisionDiff', () => {
  it('lists changed fields with both values and word-diffs the body text', () => {
    const diff = revisionDiff(
      { revision: 1, snapshot: base },
      { revision: 3, snapshot: { ...base, headline: 'Council passes $84 million budget', bodyHtml: '<p>The council voted on Monday.</p>' } },
    );
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(3);
    expect(diff.fields).toEqual([
      { field: 'headline', before: 'Council passes budget', after: 'Council passes $84 million budget' },
      { field: 'bodyHtml', before: '<p>The council met on Monday.</p>', after: '<p>The council voted on Monday.</p>' },
    ]);
    expect(diff.bodyDiff).toEqual([
      [0, 'The council '],
      [-1, 'met '],
      [1, 'voted '],
      [0, 'on Monday.'],
    ]);
  });

  it('has no body diff when the body did not change', () => {
    expect(revisionDiff({ revision: 1, snapshot: base }, { revision: 2, snapshot: { ...base, summary: 'New' } }).bodyDiff).toEqual([]);
  });
});

describe('parseSnapshot', () => {
  it('reads a stored snapshot and fills fields it lacks', () => {
    expect(parseSnapshot(JSON.stringify({ headline: 'Old', sectionId: 3 }))).toMatchObject({ headline: 'Old', sectionId: 3, tags: [], label: 'news' });
  });
});
