import { createHash, randomBytes } from 'node:crypto';
import { type Db, NewsroomSessionRepo } from '../../store/index.js';
import type { SessionUser } from '../admin-api-contract.js';
import { isRole } from './user-repo.js';

/** How long a session lasts without use; every use pushes the end out again (at most once an hour). */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
const EXTEND_EVERY_MS = 3600_000;
/** However busy, a session ends this long after sign-in (SESSION_MAX_HOURS): a stolen cookie does not live for ever. */
export const SESSION_MAX_AGE_MS = 12 * 3600_000;

export interface LoadedSession {
  id: number;
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * The cookie holds 32 random bytes; the table holds their SHA-256. As with
 * API keys, a fast hash is right for a high-entropy token: nothing to
 * guess, and the row is found by an index on the hash. A database leak
 * therefore yields no usable cookie.
 */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Newsroom sessions, held in the database so every app node can check every cookie. */
export class SessionRepo {
  private readonly rows: NewsroomSessionRepo;

  constructor(
    db: Db,
    private readonly maxAgeMs: number = SESSION_MAX_AGE_MS,
  ) {
    this.rows = new NewsroomSessionRepo(db);
  }

  async create(userId: number, meta: { ip: string; userAgent: string }, now: Date): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now.getTime() + Math.min(SESSION_TTL_MS, this.maxAgeMs);
    await this.rows.insert({
      tokenHash: hashToken(token),
      userId,
      csrfToken,
      createdAt: now,
      expiresAt,
      ip: meta.ip.slice(0, 64),
      userAgent: meta.userAgent.slice(0, 300),
    });
    // Sign-ins are rare, so they are a fine moment to drop sessions that ran out.
    await this.rows.deleteExpired(now);
    return { token, csrfToken, expiresAt: new Date(expiresAt) };
  }

  /** The live session for a cookie's token, with its user; null when unknown, expired or the user is disabled. */
  async load(token: string, now: Date): Promise<LoadedSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const row = await this.rows.byTokenHash(hashToken(token));
    if (!row || Number(row.expires_at) <= now.getTime() || row.disabled === 1 || !isRole(row.role)) return null;
    const hardEnd = Number(row.created_at) + this.maxAgeMs;
    if (hardEnd <= now.getTime()) return null;
    // Use pushes the idle end out, but never past the absolute one.
    const idleEnd = Math.min(now.getTime() + SESSION_TTL_MS, hardEnd);
    if (idleEnd - Number(row.expires_at) > EXTEND_EVERY_MS) await this.rows.extend(row.sessionId, idleEnd);
    return {
      id: row.sessionId,
      user: { id: row.userId, email: row.email, name: row.name, role: row.role },
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password === 1,
    };
  }

  delete(id: number): Promise<void> {
    return this.rows.delete(id);
  }

  /** Signs a user out everywhere (after a password reset or when disabled), optionally keeping one session. */
  deleteForUser(userId: number, exceptSessionId?: number): Promise<void> {
    return this.rows.deleteForUser(userId, exceptSessionId);
  }
}
