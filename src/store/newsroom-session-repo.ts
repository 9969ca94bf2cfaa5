import type { Db } from './database.js';

export interface NewSessionRow {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: number;
  ip: string;
  userAgent: string;
}

/** A session found by its token's hash, with the user it signs in. */
export interface SessionWithUser {
  sessionId: number;
  csrf_token: string;
  expires_at: number;
  created_at: number;
  userId: number;
  email: string;
  name: string;
  role: string;
  disabled: number;
  must_change_password: number;
}

/**
 * The `sessions` table: newsroom sign-ins, by the SHA-256 of their cookie.
 * How long one lasts and when it is pushed out is the newsroom's
 * (src/newsroom/accounts/session-repo.ts); this keeps the rows.
 */
export class NewsroomSessionRepo {
  constructor(private readonly db: Db) {}

  async insert(session: NewSessionRow): Promise<void> {
    await this.db.kysely
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt.getTime(),
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .execute();
  }

  /** Drops sessions whose end is before `now`. */
  async deleteExpired(now: Date): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('expires_at', '<', now.getTime()).execute();
  }

  byTokenHash(tokenHash: string): Promise<SessionWithUser | undefined> {
    return this.db.kysely
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as sessionId',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.created_at',
        'users.id as userId',
        'users.email',
        'users.name',
        'users.role',
        'users.disabled',
        'users.must_change_password',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Moves a session's end to `expiresAt` (epoch ms). */
  async extend(id: number, expiresAt: number): Promise<void> {
    await this.db.kysely.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Every session of a user, but `exceptSessionId`'s. */
  async deleteForUser(userId: number, exceptSessionId?: number): Promise<void> {
    let q = this.db.kysely.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId !== undefined) q = q.where('id', '<>', exceptSessionId);
    await q.execute();
  }
}
