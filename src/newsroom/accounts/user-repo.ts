import { DatelineError } from '../../domain/errors.js';
import type { Db } from '../../store/index.js';
import { ROLES, type Role } from '../admin-api-contract.js';
import { hashPassword, passwordProblem } from './password.js';

/** A user as the accounts code sees it; the password hash never leaves this file except to verify. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** The author this user writes as; null when not linked. */
  authorId: number | null;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
}

export interface UserChange {
  email?: string;
  name?: string;
  role?: string;
  disabled?: boolean;
  authorId?: number | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function checkEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  if (!EMAIL.test(clean) || clean.length > 254) {
    throw new DatelineError('BAD_INPUT', `"${email}" is not an email address.`, { hint: 'Give an address like maya@example.com.' });
  }
  return clean;
}

function checkName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '' || clean.length > 120) {
    throw new DatelineError('BAD_INPUT', 'A user needs a name of 1 to 120 characters.', { hint: 'Give the name colleagues know them by, e.g. "Maya Okafor".' });
  }
  return clean;
}

function checkRole(role: string): Role {
  if (!isRole(role)) {
    throw new DatelineError('BAD_INPUT', `"${role}" is not a role.`, { hint: `Pick one of: ${ROLES.join(', ')}.` });
  }
  return role;
}

export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new DatelineError('BAD_INPUT', problem, { hint: 'Use a passphrase of a few words; length matters more than symbols.' });
}

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  disabled: number;
  must_change_password: number;
  created_at: number;
  last_sign_in_at: number | null;
  author_id: number | null;
};

const COLUMNS = ['id', 'email', 'name', 'role', 'disabled', 'must_change_password', 'created_at', 'last_sign_in_at', 'author_id'] as const;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'contributor',
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: new Date(Number(row.created_at)),
    lastSignInAt: row.last_sign_in_at === null ? null : new Date(Number(row.last_sign_in_at)),
    authorId: row.author_id ?? null,
  };
}

/** Newsroom users: made by the CLI or an admin, with argon2id password hashes. */
export class UserRepo {
  constructor(private readonly db: Db) {}

  async create(input: NewUser, options: { now?: Date; mustChangePassword?: boolean } = {}): Promise<User> {
    const email = checkEmail(input.email);
    const name = checkName(input.name);
    const role = checkRole(input.role);
    checkPassword(input.password);
    await this.assertEmailFree(email);
    const now = (options.now ?? new Date()).getTime();
    const row = await this.db.kysely
      .insertInto('users')
      .values({
        email,
        name,
        role,
        password_hash: await hashPassword(input.password),
        disabled: 0,
        must_change_password: options.mustChangePassword ? 1 : 0,
        created_at: now,
        last_sign_in_at: null,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = await this.db.kysely.selectFrom('users').select(COLUMNS).orderBy('id').execute();
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const row = await this.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(id: number): Promise<User> {
    const row = await this.db.kysely.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) throw new DatelineError('NOT_FOUND', `There is no user ${id}.`, { hint: 'List the users to find the right id.' });
    return toUser(row);
  }

  /** The user and password hash for a sign-in, or null when no account has this address. */
  async findForSignIn(email: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select([...COLUMNS, 'password_hash'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    return (await this.findForSignIn(email))?.user ?? null;
  }

  async update(id: number, change: UserChange): Promise<User> {
    const current = await this.get(id);
    const set: Partial<{ email: string; name: string; role: string; disabled: number; author_id: number | null }> = {};
    if (change.email !== undefined) {
      const email = checkEmail(change.email);
      if (email !== current.email) await this.assertEmailFree(email);
      set.email = email;
    }
    if (change.name !== undefined) set.name = checkName(change.name);
    if (change.role !== undefined) set.role = checkRole(change.role);
    if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
    if (change.authorId !== undefined && change.authorId !== current.authorId) set.author_id = await this.checkAuthorLink(id, change.authorId);
    const losesAdmin = current.role === 'admin' && !current.disabled && ((set.role !== undefined && set.role !== 'admin') || set.disabled === 1);
    if (losesAdmin && (await this.activeAdmins()) <= 1) {
      throw new DatelineError('CONFLICT', `${current.name} is the only active admin; the newsroom would be left without one.`, {
        hint: 'Make another user an admin first.',
      });
    }
    if (Object.keys(set).length === 0) return current;
    await this.db.kysely.updateTable('users').set(set).where('id', '=', id).execute();
    return this.get(id);
  }

  async setPassword(id: number, password: string, options: { mustChange: boolean }): Promise<void> {
    checkPassword(password);
    const result = await this.db.kysely
      .updateTable('users')
      .set({ password_hash: await hashPassword(password), must_change_password: options.mustChange ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new DatelineError('NOT_FOUND', `There is no user ${id}.`, { hint: 'List the users to find the right id.' });
  }

  async passwordHash(id: number): Promise<string | null> {
    const row = await this.db.kysely.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async recordSignIn(id: number, now: Date): Promise<void> {
    await this.db.kysely.updateTable('users').set({ last_sign_in_at: now.getTime() }).where('id', '=', id).execute();
  }

  /** An author that exists and no other user writes as. */
  private async checkAuthorLink(userId: number, authorId: number | null): Promise<number | null> {
    if (authorId === null) return null;
    const author = await this.db.kysely.selectFrom('authors').select(['id', 'name']).where('id', '=', authorId).executeTakeFirst();
    if (!author) {
      throw new DatelineError('BAD_INPUT', `There is no author ${authorId} to link.`, { hint: 'Pick an author from the list, or add one on the Authors screen first.' });
    }
    const other = await this.db.kysely.selectFrom('users').select('name').where('author_id', '=', authorId).where('id', '!=', userId).executeTakeFirst();
    if (other) {
      throw new DatelineError('CONFLICT', `${author.name} is already linked to ${other.name}.`, {
        hint: `Unlink ${other.name} first; one newsroom user writes as each author.`,
      });
    }
    return author.id;
  }

  private async activeAdmins(): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async assertEmailFree(email: string): Promise<void> {
    const taken = await this.db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) {
      throw new DatelineError('CONFLICT', `A user with the address ${email} already exists (id ${taken.id}).`, {
        hint: 'Use another address, or reset that user’s password instead.',
      });
    }
  }
}
