import { describe, expect, it } from 'vitest';
import { type ArticleSnapshot, changedFields, parseSnapshot } from './article-snapshot.js';
import { changeLines, revisionDiff } from './revision-diff.js';

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
  language: null,
};

describe('changedFields', () => {
  it('names every field for a first revision and none for an equal one', () => {
    expect(changedFields(null, base)).toHaveLength(13);
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
      { field: 'headline', label: 'Headline changed', before: 'Council passes budget', after: 'Council passes $84 million budget' },
      { field: 'bodyHtml', label: 'Story text changed', before: '<p>The council met on Monday.</p>', after: '<p>The council voted on Monday.</p>' },
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

describe('the newsroom’s words for changes', () => {
  it('never shows a field’s API name', () => {
    const diff = revisionDiff({ revision: 1, snapshot: base }, { revision: 2, snapshot: { ...base, leadMediaId: 7, headline: 'Council passes a budget', sponsorId: null } });
    expect(diff.fields.map((f) => f.label)).toEqual(['Headline changed', 'Lead photo added']);
    const removed = revisionDiff({ revision: 2, snapshot: { ...base, leadMediaId: 7 } }, { revision: 3, snapshot: base });
    expect(removed.fields.map((f) => f.label)).toEqual(['Lead photo removed']);
  });

  it('calls a first revision the story’s creation', () => {
    expect(changeLines(changedFields(null, base))).toEqual(['Story created']);
    expect(changeLines(['leadMediaId', 'authorIds', 'bodyHtml'])).toEqual(['Lead photo changed', 'Byline changed', 'Story text changed']);
  });
});
