import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers reject deliveries signed longer ago than this, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The signature of a delivery: HMAC-SHA256 over `${timestamp}.${body}` with
 * the subscriber's secret, as `sha256=<hex>`. Signing the timestamp with the
 * body is what makes an old request useless to an attacker.
 *
 * @example signatureFor('whsec_abc', 1767225600, '{"event":"published"}') // 'sha256=…'
 */
export function signatureFor(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedHeaders {
  'Content-Type': string;
  'User-Agent': string;
  'X-Dateline-Event': string;
  'X-Dateline-Delivery': string;
  'X-Dateline-Timestamp': string;
  'X-Dateline-Signature': string;
}

/** Every header a delivery carries. */
export function signedHeaders(input: { secret: string; body: string; at: Date; event: string; deliveryId: string }): SignedHeaders {
  const timestamp = Math.floor(input.at.getTime() / 1000);
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Dateline-Webhooks/1',
    'X-Dateline-Event': input.event,
    'X-Dateline-Delivery': input.deliveryId,
    'X-Dateline-Timestamp': String(timestamp),
    'X-Dateline-Signature': signatureFor(input.secret, timestamp, input.body),
  };
}

export type Verification = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver does with a delivery: checks the timestamp is recent and
 * the signature matches the raw body. The same algorithm as docs/webhooks.md.
 */
export function verifySignature(input: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): Verification {
  const timestamp = Number(input.timestamp);
  if (!input.timestamp || !Number.isInteger(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  const age = Math.abs((input.now ?? new Date()).getTime() / 1000 - timestamp);
  if (age > (input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return { ok: false, reason: 'timestamp too old' };
  const expected = Buffer.from(signatureFor(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
