import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

function signIn(site: TestSite, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${site.url}/admin/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`sign-in cannot be sprayed, spoofed or used to lock people out (${dialect})`, () => {
    let direct: TestSite;
    let proxied: TestSite;

    beforeAll(async () => {
      // No TRUST_PROXY: the server faces the internet itself.
      direct = await startTestSite(dialect, { demo: false });
      // One proxy in front (on loopback here), which appends the client's address to X-Forwarded-For.
      proxied = await startTestSite(dialect, { demo: false, env: { TRUST_PROXY: '1' } });
    }, 60_000);
    afterAll(async () => {
      await direct?.close();
      await proxied?.close();
    });

    it('ignores X-Forwarded-For from a client when no proxy is trusted: rotating it does not reset the limit', async () => {
      const user = await createUser(direct.store, 'writer');
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await signIn(direct, user.email, `guess ${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const keys = await direct.store.db.kysely.selectFrom('sign_in_failures').select('key').execute();
      expect(keys.some((k) => k.key.includes('198.51.100.'))).toBe(false);
    });

    it('with one trusted hop, takes the address the proxy saw, not one the client wrote in front of it', async () => {
      const user = await createUser(proxied.store, 'editor');
      const response = await signIn(proxied, user.email, TEST_PASSWORD, { 'x-forwarded-for': '10.9.9.9, 203.0.113.44' });
      expect(response.status).toBe(200);
      const rows = await proxied.store.db.kysely.selectFrom('sessions').select('ip').where('user_id', '=', user.id).execute();
      expect(rows.map((r) => r.ip)).toEqual(['203.0.113.44']);
    });

    it('counts parallel wrong passwords atomically: at most five are checked, the rest answer 429 with Retry-After', async () => {
      const user = await createUser(direct.store, 'editor');
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(direct, user.email, `parallel guess ${i}`)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
      const limited = responses.find((r) => r.status === 429);
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
      const counted = await direct.store.db.kysely.selectFrom('sign_in_failures').select('id').where('key', '=', `account:${user.email}`).execute();
      expect(counted.length).toBeLessThanOrEqual(5);
    });

    it("lets the owner in from their own address while an attacker's address stays blocked", async () => {
      const owner = await createUser(proxied.store, 'admin');
      const attacker = { 'x-forwarded-for': '203.0.113.66' };
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await signIn(proxied, owner.email, `attack ${i}`, attacker)).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);

      // The owner, from home: at most a short, progressive delay — never the attacker's lockout.
      const home = { 'x-forwarded-for': '198.51.100.20' };
      let response = await signIn(proxied, owner.email, TEST_PASSWORD, home);
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after'));
        expect(seconds).toBeLessThanOrEqual(30);
        await wait(seconds * 1000 + 100);
        response = await signIn(proxied, owner.email, TEST_PASSWORD, home);
      }
      expect(response.status).toBe(200);
      // The attacker's address is still throttled, right password or not.
      expect((await signIn(proxied, owner.email, TEST_PASSWORD, attacker)).status).toBe(429);
    });
  });
}
