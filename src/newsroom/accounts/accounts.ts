import { DatelineError } from '../../domain/errors.js';
import type { Db } from '../../store/index.js';
import type { SessionUser } from '../admin-api-contract.js';
import { generatePassword, verifyPassword } from './password.js';
import { SessionRepo } from './session-repo.js';
import { DEFAULT_LIMITS, SignInThrottle, type ThrottleLimits } from './sign-in-throttle.js';
import { type NewUser, type User, type UserChange, UserRepo } from './user-repo.js';

export interface SignedIn {
  user: SessionUser;
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface AccountsOptions {
  /** The sign-in limits (defaults: DEFAULT_LIMITS). */
  limits?: Partial<ThrottleLimits>;
  /** A session's absolute lifetime, however often it is used (SESSION_MAX_HOURS). */
  sessionMaxAgeMs?: number;
}

/** Users, sessions and the sign-in limit together: what the HTTP routes and the CLI both call. */
export class Accounts {
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly throttle: SignInThrottle;

  constructor(db: Db, options: AccountsOptions = {}) {
    this.users = new UserRepo(db);
    this.sessions = new SessionRepo(db, options.sessionMaxAgeMs);
    this.throttle = new SignInThrottle(db, { ...DEFAULT_LIMITS, ...options.limits });
  }

  /**
   * Checks the password and opens a session. The attempt is counted before
   * the password is checked, so a throttled address or account is refused
   * even with the right one (else the answer would tell an attacker when
   * they guessed right), and parallel guesses count each other.
   */
  async signIn(email: string, password: string, meta: { ip: string; userAgent: string }, now: Date): Promise<SignedIn> {
    const begun = await this.throttle.begin(email, meta.ip, now);
    if ('waitMs' in begun) {
      const seconds = Math.ceil(begun.waitMs / 1000);
      const wait = seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
      throw Object.assign(
        new DatelineError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${wait}.`, {
          hint: 'If you have forgotten your password, ask an admin to reset it.',
        }),
        { retryAfterSeconds: seconds },
      );
    }
    const found = await this.users.findForSignIn(email);
    const ok = await verifyPassword(found?.passwordHash ?? null, password);
    if (!found || !ok) {
      await this.throttle.failed(now);
      throw new DatelineError('UNAUTHORIZED', 'The email or password is wrong.', {
        hint: 'Check both and try again; after 5 failures from one address it waits 15 minutes. An admin can reset a forgotten password.',
      });
    }
    if (found.user.disabled) {
      throw new DatelineError('FORBIDDEN', 'This account is disabled.', { hint: 'Ask an admin to enable it again.' });
    }
    await this.throttle.succeeded(begun.attempt);
    await this.users.recordSignIn(found.user.id, now);
    const session = await this.sessions.create(found.user.id, meta, now);
    const { id, name, role } = found.user;
    return {
      user: { id, email: found.user.email, name, role },
      token: session.token,
      csrfToken: session.csrfToken,
      mustChangePassword: found.user.mustChangePassword,
    };
  }

  /** Makes a user; without a password, makes a one-time one the user must change. */
  async addUser(input: Omit<NewUser, 'password'> & { password?: string | undefined }, now: Date): Promise<{ user: User; temporaryPassword: string | null }> {
    const temporaryPassword = input.password ? null : generatePassword();
    const user = await this.users.create(
      { ...input, password: input.password ?? (temporaryPassword as string) },
      { now, mustChangePassword: temporaryPassword !== null },
    );
    return { user, temporaryPassword };
  }

  /** A new one-time password; every session of the user ends and the sign-in lock lifts. */
  async resetPassword(userId: number, options: { keepSessionId?: number } = {}): Promise<string> {
    const user = await this.users.get(userId);
    const temporaryPassword = generatePassword();
    await this.users.setPassword(userId, temporaryPassword, { mustChange: true });
    await this.sessions.deleteForUser(userId, options.keepSessionId);
    await this.throttle.clearAccount(user.email);
    return temporaryPassword;
  }

  /** The user's own change; other sessions end, in case the old password was known to someone else. */
  async changePassword(userId: number, currentPassword: string, newPassword: string, sessionId: number): Promise<void> {
    const ok = await verifyPassword(await this.users.passwordHash(userId), currentPassword);
    if (!ok) {
      throw new DatelineError('BAD_INPUT', 'The current password is wrong.', { hint: 'Type the password you signed in with.' });
    }
    await this.users.setPassword(userId, newPassword, { mustChange: false });
    await this.sessions.deleteForUser(userId, sessionId);
  }

  async updateUser(userId: number, change: UserChange): Promise<User> {
    const user = await this.users.update(userId, change);
    if (user.disabled) await this.sessions.deleteForUser(userId);
    return user;
  }
}
