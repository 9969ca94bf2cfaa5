import { useEffect, useState } from 'preact/hooks';
import type { AdminAuthor, AdminSection, AdminSponsor } from '../../src/newsroom/admin-api-contract.ts';
import { get } from './api.ts';

export interface Reference {
  sections: AdminSection[];
  authors: AdminAuthor[];
  sponsors: AdminSponsor[];
}

let cached: Promise<Reference> | null = null;

async function listOrEmpty<T>(path: string): Promise<T[]> {
  try {
    const answer = await get<T[] | { items: T[] }>(path);
    return Array.isArray(answer) ? answer : answer.items;
  } catch {
    // A role that may not list sponsors still edits stories; the picker is simply empty.
    return [];
  }
}

/** Sections, authors and sponsors for pickers and filters, loaded once and refreshed after the settings screens change them. */
export function loadReference(): Promise<Reference> {
  cached ??= Promise.all([listOrEmpty<AdminSection>('/sections'), listOrEmpty<AdminAuthor>('/authors'), listOrEmpty<AdminSponsor>('/sponsors')]).then(
    ([sections, authors, sponsors]) => ({ sections, authors, sponsors }),
  );
  return cached;
}

export function invalidateReference(): void {
  cached = null;
}

export function useReference(): Reference {
  const [reference, setReference] = useState<Reference>({ sections: [], authors: [], sponsors: [] });
  useEffect(() => {
    let live = true;
    void loadReference().then((r) => live && setReference(r));
    return () => {
      live = false;
    };
  }, []);
  return reference;
}

/** "News › Politics" style names, so nested sections read clearly in a select. */
export function sectionLabel(sections: AdminSection[], id: number): string {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const names: string[] = [];
  let section = byId.get(id);
  while (section && names.length < 5) {
    names.unshift(section.name);
    section = section.parentId === null ? undefined : byId.get(section.parentId);
  }
  return names.join(' › ') || `Section ${id}`;
}
