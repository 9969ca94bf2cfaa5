/** A section of the site: News, Politics under News, Sports … */
export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  /** Order among its siblings, smallest first. */
  position: number;
  /** Whether the section appears in the site's menu. */
  inMenu: boolean;
}

/** The path of a section's front: `/news/politics`. */
export function sectionPath(section: Section, byId: ReadonlyMap<number, Section>): string {
  const parts: string[] = [];
  let current: Section | undefined = section;
  const seen = new Set<number>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    parts.unshift(current.slug);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return `/${parts.join('/')}`;
}

/** The top-level section a section belongs to (itself when it is top-level). */
export function rootSection(section: Section, byId: ReadonlyMap<number, Section>): Section {
  let current = section;
  const seen = new Set<number>();
  while (current.parentId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

export function bySiblingOrder(a: Section, b: Section): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

/** Top-level sections shown in the menu, in the order the site configures. */
export function menuSections(sections: readonly Section[]): Section[] {
  return sections.filter((s) => s.parentId === null && s.inMenu).sort(bySiblingOrder);
}

export function childSections(sections: readonly Section[], parentId: number): Section[] {
  return sections.filter((s) => s.parentId === parentId).sort(bySiblingOrder);
}
