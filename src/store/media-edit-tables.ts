import type { Generated } from 'kysely';

/** One changed field of a picture: who, when, before and after (migration 0014). */
export interface MediaEditTable {
  id: Generated<number>;
  media_id: number;
  /** Null once the user is deleted; the change stays recorded. */
  user_id: number | null;
  at: number;
  field: 'caption' | 'credit' | 'source' | 'alt' | 'focal point';
  before: string;
  after: string;
}
