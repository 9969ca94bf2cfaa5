import { DatelineError } from '../../domain/errors.js';
import { type Db, NewsroomUserRepo, type UserRow } from '../../store/index.js';
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
  private readonly rows: NewsroomUserRepo;

  constructor(db: Db) {
    this.rows = new NewsroomUserRepo(db);
  }

  async create(input: NewUser, options: { now?: Date; mustChangePassword?: boolean } = {}): Promise<User> {
    const email = checkEmail(input.email);
    const name = checkName(input.name);
    const role = checkRole(input.role);
    checkPassword(input.password);
    await this.assertEmailFree(email);
    const row = await this.rows.insert({
      email,
      name,
      role,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: options.mustChangePassword === true,
      createdAt: options.now ?? new Date(),
    });
    return toUser(row);
  }

  async list(): Promise<User[]> {
    return (await this.rows.all()).map(toUser);
  }

  count(): Promise<number> {
    return this.rows.count();
  }

  async get(id: number): Promise<User> {
    const row = await this.rows.byId(id);
    if (!row) throw new DatelineError('NOT_FOUND', `There is no user ${id}.`, { hint: 'List the users to find the right id.' });
    return toUser(row);
  }

  /** The user and password hash for a sign-in, or null when no account has this address. */
  async findForSignIn(email: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.rows.byEmailWithHash(email.trim().toLowerCase());
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    return (await this.findForSignIn(email))?.user ?? null;
  }

  async update(id: number, change: UserChange): Promise<User> {
    const current = await this.get(id);
    const set: { email?: string; name?: string; role?: Role; disabled?: boolean; authorId?: number | null } = {};
    if (change.email !== undefined) {
      const email = checkEmail(change.email);
      if (email !== current.email) await this.assertEmailFree(email);
      set.email = email;
    }
    if (change.name !== undefined) set.name = checkName(change.name);
    if (change.role !== undefined) set.role = checkRole(change.role);
    if (change.disabled !== undefined) set.disabled = change.disabled;
    if (change.authorId !== undefined && change.authorId !== current.authorId) set.authorId = await this.checkAuthorLink(id, change.authorId);
    const losesAdmin = current.role === 'admin' && !current.disabled && ((set.role !== undefined && set.role !== 'admin') || set.disabled === true);
    if (losesAdmin && (await this.rows.activeAdmins()) <= 1) {
      throw new DatelineError('CONFLICT', `${current.name} is the only active admin; the newsroom would be left without one.`, {
        hint: 'Make another user an admin first.',
      });
    }
    if (Object.keys(set).length === 0) return current;
    await this.rows.update(id, set);
    return this.get(id);
  }

  async setPassword(id: number, password: string, options: { mustChange: boolean }): Promise<void> {
    checkPassword(password);
    const found = await this.rows.setPasswordHash(id, await hashPassword(password), options.mustChange);
    if (!found) throw new DatelineError('NOT_FOUND', `There is no user ${id}.`, { hint: 'List the users to find the right id.' });
  }

  passwordHash(id: number): Promise<string | null> {
    return this.rows.passwordHash(id);
  }

  recordSignIn(id: number, now: Date): Promise<void> {
    return this.rows.recordSignIn(id, now);
  }

  /** An author that exists and no other user writes as. */
  private async checkAuthorLink(userId: number, authorId: number | null): Promise<number | null> {
    if (authorId === null) return null;
    const author = await this.rows.author(authorId);
    if (!author) {
      throw new DatelineError('BAD_INPUT', `There is no author ${authorId} to link.`, { hint: 'Pick an author from the list, or add one on the Authors screen first.' });
    }
    const other = await this.rows.otherUserWritingAs(authorId, userId);
    if (other !== undefined) {
      throw new DatelineError('CONFLICT', `${author.name} is already linked to ${other}.`, {
        hint: `Unlink ${other} first; one newsroom user writes as each author.`,
      });
    }
    return author.id;
  }

  private async assertEmailFree(email: string): Promise<void> {
    const taken = await this.rows.idByEmail(email);
    if (taken !== undefined) {
      throw new DatelineError('CONFLICT', `A user with the address ${email} already exists (id ${taken}).`, {
        hint: 'Use another address, or reset that user’s password instead.',
      });
    }
  }
}
