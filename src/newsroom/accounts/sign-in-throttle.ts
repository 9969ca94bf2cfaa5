import type { Db } from '../../store/index.js';

export interface ThrottleLimits {
  /** Failed sign-ins one account may have within the window. */
  perAccount: number;
  /** Failed sign-ins one address may have within the window (an office behind one NAT shares it). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins per account and per address in the database, so
 * the limit holds across every app node (an in-process counter would give
 * each node its own allowance and forget it on restart). Two nodes may
 * both let one extra attempt through at the same moment; that is a slack
 * of one or two guesses, not a hole.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {}

  /** Milliseconds until another attempt is allowed for this account or address, or 0 when it may try now. */
  async retryAfter(email: string, ip: string, now: Date): Promise<number> {
    const since = now.getTime() - this.limits.windowMs;
    const waits = await Promise.all([
      this.wait(`account:${email.trim().toLowerCase()}`, this.limits.perAccount, since),
      this.wait(`ip:${ip}`, this.limits.perAddress, since),
    ]);
    return Math.max(0, ...waits.map((at) => (at === null ? 0 : at + this.limits.windowMs - now.getTime())));
  }

  async recordFailure(email: string, ip: string, now: Date): Promise<void> {
    const at = now.getTime();
    await this.db.kysely
      .insertInto('sign_in_failures')
      .values([
        { key: `account:${email.trim().toLowerCase()}`, at },
        { key: `ip:${ip}`, at },
      ])
      .execute();
    await this.db.kysely.deleteFrom('sign_in_failures').where('at', '<', at - this.limits.windowMs).execute();
  }

  /** A good password ends the account's count (not the address's: one success must not unlock guessing at others). */
  async recordSuccess(email: string): Promise<void> {
    await this.db.kysely.deleteFrom('sign_in_failures').where('key', '=', `account:${email.trim().toLowerCase()}`).execute();
  }

  /** An admin reset unlocks the account at once. */
  async clearAccount(email: string): Promise<void> {
    await this.recordSuccess(email);
  }

  /** The time of the failure that keeps the key locked (the oldest one that still counts), or null when under the limit. */
  private async wait(key: string, limit: number, since: number): Promise<number | null> {
    const rows = await this.db.kysely
      .selectFrom('sign_in_failures')
      .select('at')
      .where('key', '=', key)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    if (rows.length < limit) return null;
    return Number(rows[rows.length - 1]?.at);
  }
}
