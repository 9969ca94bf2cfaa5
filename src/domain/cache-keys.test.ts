import { describe, expect, it } from 'vitest';
import { boundedPurge, MAX_PURGE_KEYS, mergePurges, SITE_KEY, type StoryPlacement, storyPurge } from './cache-keys.js';

const politics: StoryPlacement = { sectionId: 4, rootSectionId: 1, authorIds: [7], tagIds: [9, 10] };

describe('storyPurge', () => {
  it('purges the story, its lists, home and sitemaps when it is published', () => {
    const { keys, hard } = storyPurge(12, 'published', null, politics);
    expect(new Set(keys)).toEqual(new Set(['a12', 'sitemaps', 'home', 's4', 's1', 'au7', 't9', 't10']));
    expect(hard).toBe(false);
  });

  it('purges hard when a story is killed, so no cache serves the old copy even stale', () => {
    const { keys, hard } = storyPurge(12, 'withdrawn', politics, politics);
    expect(keys).toContain('a12');
    expect(keys).toContain('home');
    expect(hard).toBe(true);
  });

  it('purges only the story (which every page showing it carries) when an edit keeps its lists', () => {
    expect(storyPurge(12, 'updated', politics, politics)).toEqual({ keys: ['a12', 'sitemaps'], hard: false });
    expect(storyPurge(12, 'corrected', politics, politics).keys).not.toContain('home');
  });

  it('purges the lists a story left and joined when its section, byline or tags change', () => {
    const moved: StoryPlacement = { sectionId: 5, rootSectionId: 1, authorIds: [8], tagIds: [9] };
    const { keys } = storyPurge(12, 'changed', politics, moved);
    expect(new Set(keys)).toEqual(new Set(['a12', 'sitemaps', 's4', 's5', 'au7', 'au8', 't10']));
  });
});

describe('mergePurges and boundedPurge', () => {
  it('merges a batch into one purge that is hard if any of it is', () => {
    const merged = mergePurges([storyPurge(1, 'updated', politics, politics), storyPurge(2, 'withdrawn', politics, politics)]);
    expect(merged.keys).toEqual(expect.arrayContaining(['a1', 'a2', 'home']));
    expect(new Set(merged.keys).size).toBe(merged.keys.length);
    expect(merged.hard).toBe(true);
  });

  it('names the whole site instead of a header of thousands of keys', () => {
    const many = { keys: Array.from({ length: MAX_PURGE_KEYS + 1 }, (_, i) => `a${i}`), hard: true };
    expect(boundedPurge(many)).toEqual({ keys: [SITE_KEY], hard: true });
    expect(boundedPurge({ keys: ['a1'], hard: false })).toEqual({ keys: ['a1'], hard: false });
  });
});
