import type { Db } from './database.js';

/** A newsroom user's row, without the password hash (src/newsroom/accounts/user-repo.ts makes it a User). */
export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  disabled: number;
  must_change_password: number;
  created_at: number;
  last_sign_in_at: number | null;
  author_id: number | null;
}

export interface NewUserRow {
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  mustChangePassword: boolean;
  createdAt: Date;
}

export interface UserRowChange {
  email?: string;
  name?: string;
  role?: string;
  disabled?: boolean;
  authorId?: number | null;
}

const COLUMNS = ['id', 'email', 'name', 'role', 'disabled', 'must_change_password', 'created_at', 'last_sign_in_at', 'author_id'] as const;

/**
 * The `users` table: who may sign in to the newsroom, with their argon2id
 * hashes. The rules (valid addresses, one active admin at least, who may
 * be linked to which author) are the newsroom's accounts code; this reads
 * and writes rows.
 */
export class NewsroomUserRepo {
  constructor(private readonly db: Db) {}

  async insert(user: NewUserRow): Promise<UserRow> {
    return this.db.kysely
      .insertInto('users')
      .values({
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        disabled: 0,
        must_change_password: user.mustChangePassword ? 1 : 0,
        created_at: user.createdAt.getTime(),
        last_sign_in_at: null,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  }

  /** Every user, oldest first. */
  all(): Promise<UserRow[]> {
    return this.db.kysely.selectFrom('users').select(COLUMNS).orderBy('id').execute();
  }

  async count(): Promise<number> {
    const row = await this.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  byId(id: number): Promise<UserRow | undefined> {
    return this.db.kysely.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The user with this (already normalised) address and their password hash, for a sign-in. */
  byEmailWithHash(email: string): Promise<(UserRow & { password_hash: string }) | undefined> {
    return this.db.kysely
      .selectFrom('users')
      .select([...COLUMNS, 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirst();
  }

  /** The id of the user with this address, if any. */
  async idByEmail(email: string): Promise<number | undefined> {
    return (await this.db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())?.id;
  }

  async update(id: number, change: UserRowChange): Promise<void> {
    const set: Partial<{ email: string; name: string; role: string; disabled: number; author_id: number | null }> = {};
    if (change.email !== undefined) set.email = change.email;
    if (change.name !== undefined) set.name = change.name;
    if (change.role !== undefined) set.role = change.role;
    if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
    if (change.authorId !== undefined) set.author_id = change.authorId;
    if (Object.keys(set).length === 0) return;
    await this.db.kysely.updateTable('users').set(set).where('id', '=', id).execute();
  }

  /** Replaces the password hash; false when there is no such user. */
  async setPasswordHash(id: number, passwordHash: string, mustChange: boolean): Promise<boolean> {
    const result = await this.db.kysely
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async passwordHash(id: number): Promise<string | null> {
    const row = await this.db.kysely.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async recordSignIn(id: number, now: Date): Promise<void> {
    await this.db.kysely.updateTable('users').set({ last_sign_in_at: now.getTime() }).where('id', '=', id).execute();
  }

  /** The author a user would be linked to, if it exists. */
  author(authorId: number): Promise<{ id: number; name: string } | undefined> {
    return this.db.kysely.selectFrom('authors').select(['id', 'name']).where('id', '=', authorId).executeTakeFirst();
  }

  /** The name of the user other than `userId` who writes as this author, if any. */
  async otherUserWritingAs(authorId: number, userId: number): Promise<string | undefined> {
    return (await this.db.kysely.selectFrom('users').select('name').where('author_id', '=', authorId).where('id', '!=', userId).executeTakeFirst())?.name;
  }

  /** Admins who are not disabled. */
  async activeAdmins(): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
