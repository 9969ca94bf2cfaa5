import { slugify } from './slug.js';

/** A topic that stories share: "Transportation", "Elections". */
export interface Tag {
  id: number;
  slug: string;
  name: string;
}

export function tagPath(tag: Pick<Tag, 'slug'>): string {
  return `/tags/${tag.slug}`;
}

export function tagSlug(name: string): string {
  return slugify(name, 60);
}
