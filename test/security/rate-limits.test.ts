import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchGate } from '../../src/store/search-gate.js';
import { createUser, TEST_PASSWORD } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory } from '../wire/wire-helpers.js';

async function expect429(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

for (const dialect of DIALECTS) {
  describe(`nobody can starve the site (${dialect})`, () => {
    let site: TestSite;
    let token: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, {
        env: {
          PAGE_CACHE_SECONDS: '0',
          WIRE_POLLING: 'false',
          RATE_LIMIT_SEARCH: '5',
          RATE_LIMIT_API_KEY: '4',
          RATE_LIMIT_API_ADDRESS: '7',
          RATE_LIMIT_PUSH: '3',
          RATE_LIMIT_SIGN_IN: '3',
          WIRE_PUSH_MAX_ITEMS: '3',
        },
      });
      token = (await site.store.wirePush.create('pws', JSON.stringify(PWS_RULES))).token;
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('limits searches per address on the reader site, with Retry-After, and the fronts keep answering', async () => {
      for (let i = 0; i < 5; i++) expect((await fetch(`${site.url}/search?q=harbor${i}`)).status).toBe(200);
      await expect429(await fetch(`${site.url}/search?q=harbor`));
      expect((await fetch(`${site.url}/`)).status).toBe(200);
    });

    it('limits the content API per key and per address, and its search like the site search', async () => {
      const a = (await site.store.apiKeys.create('rate test A')).key;
      const b = (await site.store.apiKeys.create('rate test B')).key;
      const call = (key: string, path = '/api/v1/sections') => fetch(`${site.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      for (let i = 0; i < 4; i++) expect((await call(a)).status).toBe(200);
      const perKey = await call(a);
      await expect429(perKey);
      expect(((await perKey.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/per key/) });
      // Another key from the same address still has its own allowance, up to the address's limit (7 in all).
      for (let i = 0; i < 2; i++) expect((await call(b)).status).toBe(200);
      const perAddress = await call(b);
      await expect429(perAddress);
      expect(((await perAddress.json()) as { error: { message: string } }).error.message).toMatch(/from one address/);
    });

    it('limits wire pushes per token, and refuses a push of more items than allowed with 413, storing none', async () => {
      const items = [1, 2, 3, 4].map((n) => JSON.parse(new TextDecoder().decode(pwsStory({ uri: `urn:pws:cap:${n}`, headline: `Capped item number ${n}` }))));
      const push = (body: string) =>
        fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const tooMany = await push(JSON.stringify(items));
      expect(tooMany.status).toBe(413);
      const answer = (await tooMany.json()) as { error: { code: string; message: string; hint: string } };
      expect(answer.error.code).toBe('TOO_LARGE');
      expect(answer.error.message).toMatch(/more than 3 items/);
      expect(answer.error.hint).toMatch(/WIRE_PUSH_MAX_ITEMS/);
      for (const n of [1, 2, 3, 4]) expect(await site.store.wire.history(`urn:pws:cap:${n}`)).toBeUndefined();
      expect((await push(JSON.stringify(items.slice(0, 3)))).status).toBe(200);
      expect((await push(JSON.stringify(items.slice(0, 1)))).status).toBe(200);
      await expect429(await push(JSON.stringify(items.slice(0, 1))));
    });

    it('limits sign-in attempts per address, even with the right password', async () => {
      const user = await createUser(site.store, 'writer');
      const signIn = () =>
        fetch(`${site.url}/admin/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }) });
      for (let i = 0; i < 3; i++) expect((await signIn()).status).toBe(200);
      const limited = await signIn();
      await expect429(limited);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    });
  });
}

describe('the search gate', () => {
  it('runs a few searches at once, queues some, and refuses the rest at once with BUSY', async () => {
    const gate = new SearchGate(1, 1);
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const second = gate.run(async () => 'second');
    await expect(gate.run(async () => 'third')).rejects.toMatchObject({ code: 'BUSY', retryAfterSeconds: 1 });
    await new Promise((r) => setImmediate(r));
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(await gate.run(async () => 'later')).toBe('later');
  });
});
