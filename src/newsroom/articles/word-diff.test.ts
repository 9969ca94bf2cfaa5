import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

const apply = (ops: ReturnType<typeof wordDiff>, side: 'before' | 'after') =>
  ops.filter(([op]) => op === 0 || op === (side === 'before' ? -1 : 1)).map(([, text]) => text).join('');

describe('wordDiff', () => {
  it('marks a changed word and keeps the rest', () => {
    expect(wordDiff('the council met on Monday', 'the council voted on Monday')).toEqual([
      [0, 'the council '],
      [-1, 'met '],
      [1, 'voted '],
      [0, 'on Monday'],
    ]);
  });

  it('gives back both texts exactly', () => {
    const before = 'One two three four five six. Seven eight nine.';
    const after = 'One three four FIVE six. Seven eight nine ten.';
    const ops = wordDiff(before, after);
    expect(apply(ops, 'before')).toBe(before);
    expect(apply(ops, 'after')).toBe(after);
  });

  it('is one unchanged run for equal texts and empty for two empty ones', () => {
    expect(wordDiff('same text', 'same text')).toEqual([[0, 'same text']]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('handles additions to an empty text', () => {
    expect(wordDiff('', 'new words')).toEqual([[1, 'new words']]);
  });

  it('stays fast on long stories with a change in the middle', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    const changed = [...words];
    changed[10_000] = 'CHANGED';
    const started = performance.now();
    const ops = wordDiff(words.join(' '), changed.join(' '));
    expect(performance.now() - started).toBeLessThan(500);
    expect(ops.filter(([op]) => op !== 0)).toEqual([
      [-1, 'w10000 '],
      [1, 'CHANGED '],
    ]);
  });

  it('diffs two heavily edited 10,000-word stories exactly, and gives up on the search rather than stall', () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `w${i % 997}`);
    const edited = words.map((w, i) => (i % 10 === 0 ? `x${i}` : w));
    const before = words.join(' ');
    const after = edited.join(' ');
    const started = performance.now();
    const ops = wordDiff(before, after);
    // A generous bound for a shared machine: without a search limit this takes seconds.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(apply(ops, 'before')).toBe(before);
    expect(apply(ops, 'after')).toBe(after);
    const unrelated = wordDiff(words.join(' '), Array.from({ length: 10_000 }, (_, i) => `y${i}`).join(' '));
    expect(apply(unrelated, 'after')).toBe(Array.from({ length: 10_000 }, (_, i) => `y${i}`).join(' '));
  });
});
