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
  /** When the wording last changed; the earlier wordings are in article_correction_edits. */
  edited_at: number | null;
}

/** An earlier wording of a correction note, kept when an editor rewords it. */
export interface ArticleCorrectionEditTable {
  id: Generated<number>;
  correction_id: number;
  previous_text: string;
  /** When the earlier wording was first shown. */
  previous_at: number;
  edited_at: number;
  user_id: number | null;
  user_name: string | null;
}

/** A shareable preview link: one story, a hash of its token, an expiry, maybe revoked. */
export interface PreviewLinkTable {
  id: Generated<number>;
  article_id: number;
  token_hash: string;
  created_by: number | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}
