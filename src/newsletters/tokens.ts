import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index.js';

/** Confirmation links work this long after the request. */
export const CONFIRM_TTL_MS = 48 * 3_600_000;

const SECRET_KEY = 'newsletter_signing_secret';

/** A new confirmation token and the hash the database keeps (the token itself is only in the mail). */
export function newConfirmToken(now: Date): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token), expiresAt: new Date(now.getTime() + CONFIRM_TTL_MS) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Signs and checks unsubscribe tokens (`<subscription id>.<hmac>`), with a
 * secret made once per installation and kept in the database, so every node
 * and every restart accepts the same links.
 */
export class UnsubscribeSigner {
  private secret: Buffer | undefined;

  constructor(private readonly store: Store) {}

  private async key(): Promise<Buffer> {
    if (this.secret) return this.secret;
    await this.store.meta.claim(SECRET_KEY, randomBytes(32).toString('base64url'));
    const value = await this.store.meta.get(SECRET_KEY);
    this.secret = Buffer.from(value!, 'base64url');
    return this.secret;
  }

  async sign(subscriptionId: number): Promise<string> {
    const mac = createHmac('sha256', await this.key()).update(`unsubscribe:${subscriptionId}`).digest('base64url');
    return `${subscriptionId}.${mac}`;
  }

  /** The subscription id a token names, or undefined when it is not one we signed. */
  async verify(token: string): Promise<number | undefined> {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const id = Number(match[1]);
    const expected = Buffer.from((await this.sign(id)).split('.')[1]!);
    const given = Buffer.from(match[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }
}
