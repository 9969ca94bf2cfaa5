import type { Media } from './media.js';

/** A byline: a staff person, or an organization such as a wire agency. */
export interface Author {
  id: number;
  slug: string;
  name: string;
  kind: 'person' | 'organization';
  bio: string;
  picture: Media | null;
}

/** The path of an author's page. */
export function authorPath(author: Pick<Author, 'slug'>): string {
  return `/authors/${author.slug}`;
}

/** "By A", "By A and B", "By A, B and C". */
export function bylineText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `By ${names[0]}`;
  return `By ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
