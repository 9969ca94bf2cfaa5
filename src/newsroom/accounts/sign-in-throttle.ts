import { type Db, SignInFailureRepo } from '../../store/index.js';

export interface ThrottleLimits {
  /** Failed sign-ins one account may take from one address within the window; then that address waits. */
  perAccountAddress: number;
  /** Failed sign-ins one address may make across accounts within the window (an office behind one NAT shares it). */
  perAddress: number;
  /** Failures an account may take from anywhere before each further attempt must wait (the progressive delay). */
  accountFreeFailures: number;
  /** The longest wait the progressive delay imposes on an account: the owner is slowed, never locked out. */
  maxAccountDelayMs: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  perAccountAddress: 5,
  perAddress: 20,
  accountFreeFailures: 5,
  maxAccountDelayMs: 30_000,
  windowMs: 15 * 60_000,
};

/** An attempt that is counted while it runs: its rows stay as the failure record, or go when it succeeds. */
export interface Attempt {
  ids: number[];
  email: string;
  ip: string;
}

const keys = (email: string, ip: string) => {
  const account = email.trim().toLowerCase();
  return { pair: `pair:${account}|${ip}`, ip: `ip:${ip}`, account: `account:${account}` };
};

/**
 * Counts sign-in attempts in the database, so the limits hold across every
 * app node. An attempt is written *before* the password is checked and the
 * limits are then counted including it and every attempt in flight, so a
 * burst of parallel guesses cannot all pass a check that none has yet
 * failed. Three limits:
 * - account + address: an attacker's address is stopped after a few
 *   failures; the owner, from their own address, is not;
 * - address: one address spraying many accounts is stopped;
 * - account, from anywhere: past a few failures each attempt must wait a
 *   delay that doubles up to `maxAccountDelayMs`. It slows a botnet to a
 *   crawl but never locks the owner out for longer than that.
 */
export class SignInThrottle {
  private readonly failures: SignInFailureRepo;

  constructor(
    db: Db,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {
    this.failures = new SignInFailureRepo(db);
  }

  /** Counts the attempt; resolves with it, or with the milliseconds to wait when a limit is reached. */
  async begin(email: string, ip: string, now: Date): Promise<{ attempt: Attempt } | { waitMs: number }> {
    const k = keys(email, ip);
    const at = now.getTime();
    const ids = await this.failures.add([k.pair, k.ip, k.account], at);
    const attempt = { ids, email, ip };
    const since = at - this.limits.windowMs;
    const [pair, address, account] = await Promise.all([this.failures.recent(k.pair, since), this.failures.recent(k.ip, since), this.failures.recent(k.account, since)]);
    let waitMs = 0;
    for (const [rows, limit] of [
      [pair, this.limits.perAccountAddress],
      [address, this.limits.perAddress],
    ] as const) {
      // Past the limit: wait until enough of the counted attempts leave the window.
      if (rows.length > limit) waitMs = Math.max(waitMs, (rows[rows.length - limit - 1]?.at ?? at) + this.limits.windowMs - at);
    }
    const before = account.filter((r) => !ids.includes(r.id));
    const over = before.length - this.limits.accountFreeFailures;
    if (over >= 0) {
      const delay = Math.min(this.limits.maxAccountDelayMs, 1000 * 2 ** over);
      const last = Math.max(...before.map((r) => r.at));
      waitMs = Math.max(waitMs, last + delay - at);
    }
    if (waitMs > 0) {
      // A refused attempt checked no password; it is not counted as a guess.
      await this.failures.forget(ids);
      return { waitMs };
    }
    return { attempt };
  }

  /** The password was right: the attempt is forgotten, and so are the account's failures (this address's and overall). */
  async succeeded(attempt: Attempt): Promise<void> {
    const k = keys(attempt.email, attempt.ip);
    await this.failures.forget(attempt.ids);
    await this.failures.forgetKeys([k.pair, k.account]);
  }

  /** The password was wrong: the attempt's rows stay as the failure; rows older than the window go. */
  async failed(now: Date): Promise<void> {
    await this.failures.prune(now.getTime() - this.limits.windowMs);
  }

  /** An admin reset lets the account in at once, from everywhere. */
  async clearAccount(email: string): Promise<void> {
    const account = email.trim().toLowerCase();
    await this.failures.forgetKeys([`account:${account}`], `pair:${account}|`);
  }
}
