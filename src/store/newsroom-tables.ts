import type { Generated } from 'kysely';

/** One saved state of a story: its editable fields as JSON, who saved it and when. */
export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  /** JSON of the story's editable fields (see ArticleSnapshot). */
  snapshot: string;
  /** JSON array of the fields that differ from the previous revision. */
  changed_fields: string;
  user_id: number | null;
  user_name: string | null;
  at: number;
}

/** Who has a story open in the editor; lapses at expires_at unless refreshed. */
export interface ArticleLockTable {
  article_id: number;
  user_id: number;
  user_name: string;
  since: number;
  expires_at: number;
}

/** A dated correction or update note appended to a story. */
export interface ArticleCorrectionTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'update';
  text: string;
  at: number;
  user_id: number | null;
}
