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
});
