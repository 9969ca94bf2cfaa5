import { slugify } from './slug.js';

/** What an entity is: schema.org's Person, Organization or Place on its topic page. */
export const ENTITY_KINDS = ['person', 'organization', 'place'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Suggested: found in the text, waiting for an editor. Confirmed: an editor
 * said so, the agency named it, or it was found with confidence in two
 * published stories; only confirmed entities are public. Removed: an editor
 * said it is not one; kept so extraction does not suggest it again.
 */
export const ENTITY_STATUSES = ['suggested', 'confirmed', 'removed'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

/** A person, organization or place the news is about. */
export interface Entity {
  id: number;
  slug: string;
  name: string;
  kind: EntityKind;
  description: string;
  pictureId: number | null;
  status: EntityStatus;
}

/** A name as a lookup key: case, accents, punctuation and a leading "the" do not tell two names apart. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

export function entitySlug(name: string): string {
  return slugify(name, 60) || 'topic';
}

export function topicPath(entity: Pick<Entity, 'slug'>): string {
  return `/topics/${entity.slug}`;
}

/** The schema.org type of an entity's topic page and of `about`/`mentions` on stories. */
export function schemaTypeOf(kind: EntityKind): 'Person' | 'Organization' | 'Place' {
  return kind === 'person' ? 'Person' : kind === 'organization' ? 'Organization' : 'Place';
}

/** The longest name editors may give an entity, and its description. */
export const ENTITY_NAME_MAX = 120;
export const ENTITY_DESCRIPTION_MAX = 500;
