import { createHash, randomBytes } from 'node:crypto';
import { DatelineError } from '../../domain/errors.js';
import type { Db } from '../../store/index.js';
import type { PreviewLink, PreviewLinkCreated } from '../admin-api-contract.js';

/** Where a shared preview answers; the token in it is the only key. */
export const sharedPreviewPath = (articleId: number, token: string) => `/admin/api/shared-preview/${articleId}/${token}`;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const HOUR_MS = 3_600_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Why a shared preview does not open: the page says it plainly, the same for every wrong token. */
export type SharedPreviewRefusal = 'unknown' | 'expired';

/**
 * Shareable preview links: someone outside the newsroom (a source checking a
 * quote, an editor on the road) opens a story's preview without signing in.
 * The token is 256 random bits shown once; only its hash is stored, so a
 * leaked database does not open previews. A link is for one story, expires
 * at the time chosen, and can be revoked before then.
 */
export class PreviewLinks {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  async create(articleId: number, user: { id: number; name: string }, expiresInHours: number): Promise<PreviewLinkCreated> {
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now.getTime() + expiresInHours * HOUR_MS;
    const row = await this.db.kysely
      .insertInto('preview_links')
      .values({ article_id: articleId, token_hash: hashToken(token), created_by: user.id, created_at: now.getTime(), expires_at: expiresAt, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      createdBy: user.name,
      path: sharedPreviewPath(articleId, token),
    };
  }

  /** The story's links that still open, newest first. */
  async list(articleId: number): Promise<PreviewLink[]> {
    const rows = await this.db.kysely
      .selectFrom('preview_links as l')
      .leftJoin('users as u', 'u.id', 'l.created_by')
      .select(['l.id', 'l.created_at', 'l.expires_at', 'u.name'])
      .where('l.article_id', '=', articleId)
      .where('l.revoked_at', 'is', null)
      .where('l.expires_at', '>', this.clock().getTime())
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(Number(r.created_at)).toISOString(),
      expiresAt: new Date(Number(r.expires_at)).toISOString(),
      createdBy: r.name ?? null,
    }));
  }

  async revoke(articleId: number, linkId: number): Promise<void> {
    const result = await this.db.kysely
      .updateTable('preview_links')
      .set({ revoked_at: this.clock().getTime() })
      .where('id', '=', linkId)
      .where('article_id', '=', articleId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new DatelineError('NOT_FOUND', 'That preview link is not among this story’s working links.', { hint: 'Reload the story; it may have expired or been revoked already.' });
    }
  }

  /** Whether the token opens this story's preview now. A token for another story is as unknown as a made-up one. */
  async check(articleId: number, token: string): Promise<SharedPreviewRefusal | null> {
    if (!TOKEN.test(token)) return 'unknown';
    const row = await this.db.kysely
      .selectFrom('preview_links')
      .select(['article_id', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.article_id !== articleId) return 'unknown';
    if (row.revoked_at !== null || Number(row.expires_at) <= this.clock().getTime()) return 'expired';
    return null;
  }
}
