import type { Generated } from 'kysely';

/** A person, organization or place (migration 0028). */
export interface EntityTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: 'person' | 'organization' | 'place';
  description: string;
  picture_id: number | null;
  status: 'suggested' | 'confirmed' | 'removed';
  created_at: number;
  updated_at: number;
}

/** A name that means an entity, keyed by `nameKey` of the name. */
export interface EntityAliasTable {
  name_key: string;
  entity_id: number;
  name: string;
}

export interface ArticleEntityTable {
  article_id: number;
  entity_id: number;
  source: 'agency' | 'text' | 'editor';
  mentions: number;
  confident: number;
}

/** A story's stored related stories, best first (pins first). */
export interface RelatedStoryTable {
  article_id: number;
  related_id: number;
  position: number;
  score: number;
  pinned: number;
}

export interface RelatedOverrideTable {
  article_id: number;
  related_id: number;
  action: 'pin' | 'remove';
  position: number;
  created_at: number;
}
