import { describe, expect, it } from 'vitest';
import { childSections, menuSections, rootSection, type Section, sectionPath } from './section.js';

function section(id: number, slug: string, parentId: number | null, position: number, inMenu = true): Section {
  const name = slug.charAt(0).toUpperCase() + slug.slice(1);
  return { id, slug, name, description: '', parentId, position, inMenu };
}

const news = section(1, 'news', null, 1);
const politics = section(2, 'politics', 1, 2);
const local = section(3, 'local', 1, 1);
const council = section(4, 'council', 3, 1);
const sports = section(5, 'sports', null, 2);
const opinion = section(6, 'opinion', null, 0);
const archive = section(7, 'archive', null, 3, false);
const all = [news, politics, local, council, sports, opinion, archive];
const byId = new Map(all.map((s) => [s.id, s]));

describe('sectionPath', () => {
  it('gives a top-level section its slug', () => {
    expect(sectionPath(news, byId)).toBe('/news');
  });

  it('joins nested sections from the root down', () => {
    expect(sectionPath(politics, byId)).toBe('/news/politics');
    expect(sectionPath(council, byId)).toBe('/news/local/council');
  });

  it('stops on a parent cycle', () => {
    const a: Section = { ...section(10, 'a', 11, 0) };
    const b: Section = { ...section(11, 'b', 10, 0) };
    const cyclic = new Map([
      [10, a],
      [11, b],
    ]);
    expect(sectionPath(a, cyclic)).toBe('/b/a');
  });
});

describe('rootSection', () => {
  it('finds the top-level ancestor', () => {
    expect(rootSection(council, byId)).toBe(news);
    expect(rootSection(politics, byId)).toBe(news);
  });

  it('is the section itself at the top', () => {
    expect(rootSection(sports, byId)).toBe(sports);
  });
});

describe('menuSections', () => {
  it('lists top-level menu sections in configured order', () => {
    expect(menuSections(all).map((s) => s.slug)).toEqual(['opinion', 'news', 'sports']);
  });

  it('leaves out sections not in the menu and subsections', () => {
    const slugs = menuSections(all).map((s) => s.slug);
    expect(slugs).not.toContain('archive');
    expect(slugs).not.toContain('politics');
  });

  it('breaks position ties by name', () => {
    const tied = [section(1, 'zeta', null, 1), section(2, 'alpha', null, 1)];
    expect(menuSections(tied).map((s) => s.slug)).toEqual(['alpha', 'zeta']);
  });

  it('does not reorder the input', () => {
    const input = [...all];
    menuSections(input);
    expect(input).toEqual(all);
  });
});

describe('childSections', () => {
  it('lists direct children in order', () => {
    expect(childSections(all, 1).map((s) => s.slug)).toEqual(['local', 'politics']);
    expect(childSections(all, 3).map((s) => s.slug)).toEqual(['council']);
  });

  it('is empty for a leaf', () => {
    expect(childSections(all, 4)).toEqual([]);
  });
});
