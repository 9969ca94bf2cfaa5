import type { Section } from '../../domain/section.js';

/** The site's sections by slug and by lower-case name, built once per batch. */
export interface SectionIndex {
  bySlug: ReadonlyMap<string, Section>;
  byName: ReadonlyMap<string, Section>;
  /** The first top-level section, the last resort for placement. */
  first: Section | undefined;
}

export function sectionIndex(sections: readonly Section[]): SectionIndex {
  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  const byName = new Map<string, Section>();
  for (const s of sections) {
    if (!byName.has(s.name.toLowerCase())) byName.set(s.name.toLowerCase(), s);
  }
  return { bySlug, byName, first: sections.find((s) => s.parentId === null) ?? sections[0] };
}
