import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';
import { makeZip } from './make-zip.js';
import { PWS_RULES, pwsStory } from './wire-helpers.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/wire/${name}`, import.meta.url));

for (const dialect of DIALECTS) {
  describe(`wire HTTP push (${dialect})`, () => {
    let site: TestSite;
    let token: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_PUSH_MAX_MB: '1', WIRE_POLLING: 'false' } });
      token = (await site.store.wirePush.create('pws', JSON.stringify(PWS_RULES))).token;
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    const push = (body: Uint8Array | string, type = 'application/json', auth: string | null = `Bearer ${token}`) =>
      fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': type, ...(auth && { authorization: auth }) }, body: typeof body === 'string' ? body : Buffer.from(body) });
    const local = (url: string) => url.replace(TEST_SITE_URL, site.url);

    it('refuses a push without a valid token with 401, and stores nothing', async () => {
      const bytes = pwsStory({ uri: 'urn:pws:push:no-token' });
      for (const auth of [null, 'Bearer dlw_not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxxxx', 'Basic abc']) {
        const response = await push(bytes, 'application/json', auth);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        const body = (await response.json()) as { error: { code: string; hint: string } };
        expect(body.error.code).toBe('UNAUTHORIZED');
        expect(body.error.hint).toContain('wire source add');
      }
      expect(await site.store.wire.history('urn:pws:push:no-token')).toBeUndefined();
    });

    it('stores a good item and answers 200 with its outcome and the story URL, which answers 200', async () => {
      const response = await push(pwsStory({ uri: 'urn:pws:push:good', headline: 'Cedar County opens its new salt shed' }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Array<{ uri: string; version: string; outcome: string; url?: string }> };
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ uri: 'urn:pws:push:good', version: '1', outcome: 'new' });
      expect(body.items[0]?.url).toMatch(new RegExp(`^${TEST_SITE_URL}/.+/cedar-county-opens-its-new-salt-shed$`));
      const page = await fetch(local(body.items[0]!.url!));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Cedar County opens its new salt shed');

      // The same push again changes nothing.
      const again = (await (await push(pwsStory({ uri: 'urn:pws:push:good', headline: 'Cedar County opens its new salt shed' }))).json()) as {
        items: Array<{ outcome: string }>;
      };
      expect(again.items[0]?.outcome).toBe('unchanged');
    });

    it('takes NewsML-G2 XML', async () => {
      const response = await push(await fixture('pws-g2-text-correction.xml'), 'application/vnd.iptc.g2.newsitem+xml');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Array<{ outcome: string; url?: string }> };
      expect(body.items[0]?.outcome).toBe('new');
      expect((await fetch(local(body.items[0]!.url!))).status).toBe(200);
    });

    it('answers 422 with every item’s result when some items are bad; the good ones are stored whole', async () => {
      const zip = makeZip([
        { name: 'a-good.json', data: new TextDecoder().decode(pwsStory({ uri: 'urn:pws:push:mixed-good', headline: 'Ferry dock lights are replaced' })) },
        { name: 'b-bad.json', data: (await fixture('truncated.json')).toString('utf8') },
      ]);
      const response = await push(zip, 'application/zip');
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        error: { code: string; message: string };
        items: Array<{ uri: string | null; outcome: string; reason?: string; url?: string; quarantineId?: number; file: string }>;
      };
      expect(body.error.code).toBe('ITEMS_REJECTED');
      expect(body.items).toHaveLength(2);
      const good = body.items.find((i) => i.outcome === 'new');
      const bad = body.items.find((i) => i.outcome === 'quarantined');
      expect(good?.uri).toBe('urn:pws:push:mixed-good');
      expect((await fetch(local(good!.url!))).status).toBe(200);
      expect(bad?.file).toContain('b-bad.json');
      expect(bad?.reason).toMatch(/JSON/);
      const quarantined = await site.store.wire.quarantined(bad!.quarantineId!);
      expect(quarantined?.reason).toBe(bad?.reason);
    });

    it('answers 413 with a clear JSON error for a body over WIRE_PUSH_MAX_MB, and stores nothing', async () => {
      const huge = pwsStory({ uri: 'urn:pws:push:huge', body: `<p>${'x'.repeat(1_200_000)}</p>` });
      const response = await push(huge);
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { code: string; message: string; hint: string } };
      expect(body.error.code).toBe('TOO_LARGE');
      expect(body.error.message).toContain('1 MB');
      expect(body.error.hint).toContain('WIRE_PUSH_MAX_MB');
      expect(await site.store.wire.history('urn:pws:push:huge')).toBeUndefined();
    });

    it('answers 415 for a content type it does not take', async () => {
      const response = await push(pwsStory({ uri: 'urn:pws:push:plain' }), 'text/plain');
      expect(response.status).toBe(415);
      const body = (await response.json()) as { error: { code: string; hint: string } };
      expect(body.error.code).toBe('UNSUPPORTED_TYPE');
      expect(body.error.hint).toContain('application/json');
      expect(await site.store.wire.history('urn:pws:push:plain')).toBeUndefined();
    });

    it('answers 400 for a body declared a zip that is not one, storing nothing', async () => {
      const response = await push(pwsStory({ uri: 'urn:pws:push:fake-zip' }), 'application/zip');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_INPUT');
      expect(await site.store.wire.history('urn:pws:push:fake-zip')).toBeUndefined();
    });

    it('uses the rules stored with the token (hold: no public URL yet), and a revoked token stops working', async () => {
      const { token: held } = await site.store.wirePush.create('pws-hold', JSON.stringify({ ...PWS_RULES, name: 'pws-hold', publish: 'hold' }));
      const response = await push(pwsStory({ uri: 'urn:pws:push:held' }), 'application/json', `Bearer ${held}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Array<{ outcome: string; url?: string }> };
      expect(body.items[0]?.outcome).toBe('held');
      expect(body.items[0]?.url).toBeUndefined();
      expect((await site.store.wirePush.revoke('pws-hold')).kind).toBe('revoked');
      expect((await push(pwsStory({ uri: 'urn:pws:push:held-2' }), 'application/json', `Bearer ${held}`)).status).toBe(401);
      const listed = await site.store.wirePush.list();
      expect(listed.find((s) => s.name === 'pws')?.lastUsedAt).not.toBeNull();
    });
  });
}

