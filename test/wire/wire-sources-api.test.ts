// Issue 12: wire rules hold copy for the desk by default; an admin sets a source to publish at once in the
// newsroom, and the change holds for its next item without a restart (the rules live in the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { pwsStory } from './wire-helpers.js';

interface Listed {
  sources: Array<{ key: string; name: string; from: string; rules: { publish: string; agency: string; defaultSection: string } }>;
}

for (const dialect of DIALECTS) {
  describe(`wire sources in the newsroom (${dialect})`, () => {
    let site: TestSite;
    let admin: AdminSession;
    let token: string;
    let sourceKey: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_POLLING: 'false' } });
      admin = await signedInAs(site.store, site.url, 'admin', { name: 'Rui Admin' });
      const created = await site.store.wirePush.create('coastline', null);
      token = created.token;
      sourceKey = `push-${created.source.id}`;
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    const push = (uri: string, headline: string) =>
      fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: Buffer.from(pwsStory({ uri, headline })) });

    it('holds a source nobody configured for the desk', async () => {
      const list = (await (await admin.call('GET', '/wire-sources')).json()) as Listed;
      expect(list.sources.find((s) => s.key === sourceKey)).toMatchObject({ name: 'coastline', from: 'built-in', rules: { publish: 'hold' } });
      const answer = (await (await push('urn:coast:1', 'Dune path closes for nesting season')).json()) as { items: Array<{ outcome: string }> };
      expect(answer.items[0]?.outcome).toBe('held');
    });

    it('publishes the next item at once after an admin sets the source to auto, and holds again when set back', async () => {
      const set = await admin.call('PUT', `/wire-sources/${sourceKey}/rules`, { agency: 'Coastline Agency', publish: 'auto', defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true });
      expect(set.status).toBe(204);
      const list = (await (await admin.call('GET', '/wire-sources')).json()) as Listed;
      expect(list.sources.find((s) => s.key === sourceKey)).toMatchObject({ from: 'own', rules: { publish: 'auto', agency: 'Coastline Agency' } });
      const live = (await (await push('urn:coast:2', 'Tide pool walk draws a crowd')).json()) as { items: Array<{ outcome: string; url?: string }> };
      expect(live.items[0]?.outcome).toBe('new');

      expect((await admin.call('DELETE', `/wire-sources/${sourceKey}/rules`)).status).toBe(204);
      const held = (await (await push('urn:coast:3', 'Harbor seals counted at dawn')).json()) as { items: Array<{ outcome: string }> };
      expect(held.items[0]?.outcome).toBe('held');
    });

    it('refuses rules it could not ingest with, and anyone but an admin', async () => {
      const badSection = await admin.call('PUT', `/wire-sources/${sourceKey}/rules`, { agency: 'Coastline Agency', publish: 'auto', defaultSection: 'weather', urgencyHoldAbove: null, tagsFromSubjects: true });
      expect(badSection.status).toBe(400);
      expect(((await badSection.json()) as { error: { message: string } }).error.message).toMatch(/There is no section "weather"/);
      const badPublish = await admin.call('PUT', `/wire-sources/${sourceKey}/rules`, { agency: 'X', publish: 'sometimes', defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true });
      expect(badPublish.status).toBe(400);
      const injected = await admin.call('PUT', "/wire-sources/push-1'%20or%201=1/rules", { agency: 'X', publish: 'auto', defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true });
      expect([400, 404]).toContain(injected.status);
      expect((await admin.call('PUT', '/wire-sources/push-999999/rules', { agency: 'X', publish: 'auto', defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true })).status).toBe(404);
      const editor = await signedInAs(site.store, site.url, 'editor');
      expect((await editor.call('GET', '/wire-sources')).status).toBe(403);
      expect((await editor.call('PUT', `/wire-sources/${sourceKey}/rules`, { agency: 'X', publish: 'auto', defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true })).status).toBe(403);
    });
  });
}
