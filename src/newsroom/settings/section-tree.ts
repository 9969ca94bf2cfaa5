import { DatelineError } from '../../domain/errors.js';
import { bySiblingOrder, type Section } from '../../domain/section.js';

/**
 * First path segments the site answers itself; a top-level section there
 * would never be reachable (or would hide the route).
 */
export const RESERVED_SECTION_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'authors',
  'feed',
  'feeds',
  'healthz',
  'media',
  'search',
  'sitemap',
  'tags',
]);

/** Every section at or below `rootId`, `rootId` first. */
export function subtreeIds(sections: readonly Section[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) {
    for (const s of sections) if (s.parentId === out[i]) out.push(s.id);
  }
  return out;
}

/**
 * Checks that `sectionId` may hang under `parentId`: the parent exists and is
 * not the section itself or one of its descendants (that would make a loop).
 */
export function checkParent(sections: readonly Section[], sectionId: number | null, parentId: number | null): void {
  if (parentId === null) return;
  const parent = sections.find((s) => s.id === parentId);
  if (!parent) {
    throw new DatelineError('BAD_INPUT', `There is no section with id ${parentId} to put this section under.`, {
      hint: 'Pick a parent from GET /admin/api/sections, or null for a top-level section.',
    });
  }
  if (sectionId !== null && subtreeIds(sections, sectionId).includes(parentId)) {
    throw new DatelineError('BAD_INPUT', `“${parent.name}” is inside this section, so it cannot become its parent.`, {
      hint: 'Move the section under one that is not below it, or make it top-level (parentId null).',
    });
  }
}

/**
 * The sibling order after putting `movingId` at `index` (0 = first) among the
 * children of its parent; the ids are given positions 0, 1, 2 … in this order.
 *
 * @example siblingOrder([a, b, c], c.id, 0) // [c.id, a.id, b.id]
 */
export function siblingOrder(siblings: readonly Section[], movingId: number, index: number | null): number[] {
  const others = [...siblings].sort(bySiblingOrder).map((s) => s.id).filter((id) => id !== movingId);
  const at = index === null ? others.length : Math.max(0, Math.min(index, others.length));
  others.splice(at, 0, movingId);
  return others;
}

/** Sections in menu order, each parent followed by its children (depth first). */
export function treeOrder(sections: readonly Section[]): Array<Section & { depth: number }> {
  const out: Array<Section & { depth: number }> = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const s of sections.filter((x) => x.parentId === parentId).sort(bySiblingOrder)) {
      out.push({ ...s, depth });
      if (depth < 32) visit(s.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
