import { describe, expect, it } from 'vitest';
import { eventFor } from './article-event.js';

describe('eventFor', () => {
  const draft = { status: 'draft' as const, updatedAt: null };
  const live = { status: 'published' as const, updatedAt: null };

  it('calls a first publication "published"', () => {
    expect(eventFor(null, live)).toBe('published');
    expect(eventFor(draft, live)).toBe('published');
  });

  it('calls taking a published story down "withdrawn"', () => {
    expect(eventFor(live, { status: 'withdrawn', updatedAt: null })).toBe('withdrawn');
    expect(eventFor(live, draft)).toBe('withdrawn');
  });

  it('calls a new updated time "updated" and a correction "corrected"', () => {
    expect(eventFor(live, { status: 'published', updatedAt: 5 })).toBe('updated');
    expect(eventFor(live, live, true)).toBe('corrected');
  });

  it('reports nothing for edits readers cannot see, and "changed" for other public edits', () => {
    expect(eventFor(draft, draft)).toBeNull();
    expect(eventFor(live, live)).toBe('changed');
  });
});
