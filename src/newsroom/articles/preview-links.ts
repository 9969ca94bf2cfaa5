import { createHash, randomBytes } from 'node:crypto';
import { DatelineError } from '../../domain/errors.js';
import { type Db, PreviewLinkRepo } from '../../store/index.js';
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
  private readonly links: PreviewLinkRepo;

  constructor(
    db: Db,
    private readonly clock: () => Date,
  ) {
    this.links = new PreviewLinkRepo(db);
  }

  async create(articleId: number, user: { id: number; name: string }, expiresInHours: number): Promise<PreviewLinkCreated> {
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now.getTime() + expiresInHours * HOUR_MS;
    const id = await this.links.add({ articleId, tokenHash: hashToken(token), createdBy: user.id, createdAt: now, expiresAt });
    return {
      id,
      createdAt: now.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      createdBy: user.name,
      path: sharedPreviewPath(articleId, token),
    };
  }

  /** The story's links that still open, newest first. */
  async list(articleId: number): Promise<PreviewLink[]> {
    const rows = await this.links.live(articleId, this.clock());
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.createdAt).toISOString(),
      expiresAt: new Date(r.expiresAt).toISOString(),
      createdBy: r.createdBy,
    }));
  }

  async revoke(articleId: number, linkId: number): Promise<void> {
    if (!(await this.links.revoke(articleId, linkId, this.clock()))) {
      throw new DatelineError('NOT_FOUND', 'That preview link is not among this story’s working links.', { hint: 'Reload the story; it may have expired or been revoked already.' });
    }
  }

  /** Whether the token opens this story's preview now. A token for another story is as unknown as a made-up one. */
  async check(articleId: number, token: string): Promise<SharedPreviewRefusal | null> {
    if (!TOKEN.test(token)) return 'unknown';
    const row = await this.links.byTokenHash(hashToken(token));
    if (!row || row.articleId !== articleId) return 'unknown';
    if (row.revokedAt !== null || row.expiresAt <= this.clock().getTime()) return 'expired';
    return null;
  }
}
