import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureFor, signedHeaders, verifySignature } from './webhook-signature.js';

const secret = 'whsec_test_secret_0123456789';
const body = '{"id":"7","event":"published"}';
const at = new Date('2026-03-10T19:30:00Z');
const ts = at.getTime() / 1000;

describe('signatureFor', () => {
  it('is HMAC-SHA256 of timestamp, a dot and the body, in hex', () => {
    const hex = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signatureFor(secret, ts, body)).toBe(`sha256=${hex}`);
  });

  it('changes with the body, the timestamp and the secret', () => {
    const base = signatureFor(secret, ts, body);
    expect(signatureFor(secret, ts, `${body} `)).not.toBe(base);
    expect(signatureFor(secret, ts + 1, body)).not.toBe(base);
    expect(signatureFor(`${secret}x`, ts, body)).not.toBe(base);
  });
});

describe('signedHeaders', () => {
  it('carries the event, delivery id, unix-second timestamp and signature', () => {
    const headers = signedHeaders({ secret, body, at, event: 'published', deliveryId: '7' });
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': 'Dateline-Webhooks/1',
      'X-Dateline-Event': 'published',
      'X-Dateline-Delivery': '7',
      'X-Dateline-Timestamp': String(ts),
      'X-Dateline-Signature': signatureFor(secret, ts, body),
    });
  });
});

describe('verifySignature', () => {
  const headers = signedHeaders({ secret, body, at, event: 'published', deliveryId: '7' });
  const check = (over: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
    verifySignature({
      secret,
      body,
      timestamp: headers['X-Dateline-Timestamp'],
      signature: headers['X-Dateline-Signature'],
      now: new Date(at.getTime() + 60_000),
      ...over,
    });

  it('accepts a fresh, untouched delivery', () => {
    expect(check()).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret or a missing signature', () => {
    expect(check({ body: body.replace('published', 'withdrawn') }).ok).toBe(false);
    expect(check({ secret: 'other' }).ok).toBe(false);
    expect(check({ signature: undefined }).ok).toBe(false);
  });

  it('rejects a timestamp older than five minutes', () => {
    expect(check({ now: new Date(at.getTime() + 301_000) })).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(check({ timestamp: 'yesterday' }).ok).toBe(false);
  });
});
