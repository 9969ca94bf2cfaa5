import { describe, expect, it } from 'vitest';
import type { Section } from '../../domain/section.js';
import { checkParent, siblingOrder, subtreeIds, treeOrder } from './section-tree.js';

const s = (id: number, slug: string, parentId: number | null, position: number): Section => ({
  id,
  slug,
  name: slug[0]?.toUpperCase() + slug.slice(1),
  description: '',
  parentId,
  position,
  inMenu: true,
});
const SECTIONS = [s(1, 'news', null, 0), s(2, 'sports', null, 1), s(3, 'politics', 1, 0), s(4, 'local', 1, 1), s(5, 'council', 3, 0)];

describe('section tree', () => {
  it('finds a section and everything below it', () => {
    expect(subtreeIds(SECTIONS, 1).sort()).toEqual([1, 3, 4, 5]);
    expect(subtreeIds(SECTIONS, 4)).toEqual([4]);
  });

  it('refuses a parent that is the section itself, below it, or missing', () => {
    expect(() => checkParent(SECTIONS, 1, 5)).toThrow(/“Council” is inside this section/);
    expect(() => checkParent(SECTIONS, 1, 1)).toThrow(/inside this section/);
    expect(() => checkParent(SECTIONS, 1, 99)).toThrow(/no section with id 99/);
    expect(() => checkParent(SECTIONS, 4, 2)).not.toThrow();
    expect(() => checkParent(SECTIONS, null, 3)).not.toThrow();
  });

  it('puts a section at a place among its siblings, or last', () => {
    const roots = SECTIONS.filter((x) => x.parentId === null);
    expect(siblingOrder(roots, 2, 0)).toEqual([2, 1]);
    expect(siblingOrder([...roots, s(6, 'tools', null, 9)], 6, 1)).toEqual([1, 6, 2]);
    expect(siblingOrder(roots, 7, null)).toEqual([1, 2, 7]);
    expect(siblingOrder(roots, 1, 50)).toEqual([2, 1]);
  });

  it('lists each parent before its children, siblings in order', () => {
    expect(treeOrder(SECTIONS).map((x) => `${'-'.repeat(x.depth)}${x.slug}`)).toEqual(['news', '-politics', '--council', '-local', 'sports']);
  });
});
