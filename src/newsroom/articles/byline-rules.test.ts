import { describe, expect, it } from 'vitest';
import { bylineRefusal } from './byline-rules.js';

describe('bylineRefusal', () => {
  it('lets editors and admins credit anyone', () => {
    expect(bylineRefusal('editor', null, [], [4, 5])).toBeNull();
    expect(bylineRefusal('admin', 1, [2], [9])).toBeNull();
  });

  it('lets a writer sign as themselves and keep co-authors already on the story', () => {
    expect(bylineRefusal('writer', 3, [], [3])).toBeNull();
    expect(bylineRefusal('writer', 3, [7], [7, 3])).toBeNull();
    expect(bylineRefusal('writer', 3, [3, 7], [3])).toBeNull();
    expect(bylineRefusal('contributor', 3, [], [])).toBeNull();
  });

  it('names the authors a writer may not add', () => {
    expect(bylineRefusal('writer', 3, [7], [3, 7, 8, 9])).toEqual([8, 9]);
    expect(bylineRefusal('contributor', null, [], [3])).toEqual([3]);
  });
});
