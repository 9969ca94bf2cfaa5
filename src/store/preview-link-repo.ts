import type { Db } from './database.js';

/** A preview link that still opens, with who made it. */
export interface LivePreviewLink {
  id: number;
  createdAt: number;
  expiresAt: number;
  createdBy: string | null;
}

/**
 * The `preview_links` table: shareable preview links by the SHA-256 of
 * their token (src/newsroom/articles/preview-links.ts makes the tokens and
 * decides what opens).
 */
export class PreviewLinkRepo {
  constructor(private readonly db: Db) {}

  /** Keeps a new link; returns its id. */
  async add(link: { articleId: number; tokenHash: string; createdBy: number; createdAt: Date; expiresAt: number }): Promise<number> {
    const row = await this.db.kysely
      .insertInto('preview_links')
      .values({ article_id: link.articleId, token_hash: link.tokenHash, created_by: link.createdBy, created_at: link.createdAt.getTime(), expires_at: link.expiresAt, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The story's links neither revoked nor expired at `now`, newest first. */
  async live(articleId: number, now: Date): Promise<LivePreviewLink[]> {
    const rows = await this.db.kysely
      .selectFrom('preview_links as l')
      .leftJoin('users as u', 'u.id', 'l.created_by')
      .select(['l.id', 'l.created_at', 'l.expires_at', 'u.name'])
      .where('l.article_id', '=', articleId)
      .where('l.revoked_at', 'is', null)
      .where('l.expires_at', '>', now.getTime())
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), createdBy: r.name ?? null }));
  }

  /** Revokes one of the story's unrevoked links; false when it has no such link. */
  async revoke(articleId: number, linkId: number, now: Date): Promise<boolean> {
    const result = await this.db.kysely
      .updateTable('preview_links')
      .set({ revoked_at: now.getTime() })
      .where('id', '=', linkId)
      .where('article_id', '=', articleId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The link a token's hash names, whatever its state. */
  async byTokenHash(tokenHash: string): Promise<{ articleId: number; expiresAt: number; revokedAt: number | null } | undefined> {
    const row = await this.db.kysely.selectFrom('preview_links').select(['article_id', 'expires_at', 'revoked_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { articleId: row.article_id, expiresAt: Number(row.expires_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) };
  }
}
