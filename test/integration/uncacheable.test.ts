import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApikey } from '../../src/cli/apikey-command.js';
import { createUser, signIn } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory } from '../wire/wire-helpers.js';

// A shared cache in front (Varnish, a CDN) must never store what is not for
// every reader: the newsroom, previews of unpublished stories, content API
// answers for key holders, the wire push endpoint.

/** Whether a shared cache may store a response with this Cache-Control. */
function sharedCacheMayStore(cacheControl: string | null): boolean {
  const directives = (cacheControl ?? '').toLowerCase();
  return !/(^|,\s*)(no-store|private)(\s*(,|$)|=)/.test(directives);
}

for (const dialect of DIALECTS) {
  describe(`responses a shared cache must not keep (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect);
    }, 120_000);
    afterAll(() => site?.close());

    it('the newsroom app, its API and a story preview are no-store', async () => {
      for (const path of ['/admin', '/admin/stories/1']) {
        const response = await fetch(`${site.url}${path}`);
        expect(sharedCacheMayStore(response.headers.get('cache-control')), path).toBe(false);
      }
      const editor = await createUser(site.store, 'editor');
      const session = await signIn(site.url, editor.email);
      const draft = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now: new Date() })).items[0];
      for (const path of ['/admin/api/session', '/admin/api/articles', `/admin/api/articles/${draft?.id}/preview`]) {
        const response = await session.call('GET', path);
        expect(response.status, path).toBe(200);
        expect(sharedCacheMayStore(response.headers.get('cache-control')), path).toBe(false);
        expect(response.headers.get('xkey'), path).toBeNull();
      }
    });

    it('content API answers to a key holder are private, and wire push replies are no-store', async () => {
      let printed = '';
      await runApikey(['create', 'partner'], site.store, { out: (t) => (printed += t), err: (t) => (printed += t) }, new Date());
      const key = printed.trimEnd().split('\n').pop() as string;
      const api = await fetch(`${site.url}/api/v1/articles`, { headers: { authorization: `Bearer ${key}` } });
      expect(api.status).toBe(200);
      expect(sharedCacheMayStore(api.headers.get('cache-control'))).toBe(false);

      const { token } = await site.store.wirePush.create('pws', JSON.stringify(PWS_RULES));
      const push = await fetch(`${site.url}/wire/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: Buffer.from(pwsStory({ uri: 'urn:pws:uncacheable:1' })),
      });
      expect(push.status).toBeLessThan(300);
      expect(sharedCacheMayStore(push.headers.get('cache-control'))).toBe(false);
    });

    it('reader pages, by contrast, may be stored and carry their purge keys', async () => {
      const response = await fetch(`${site.url}/`);
      expect(sharedCacheMayStore(response.headers.get('cache-control'))).toBe(true);
      expect(response.headers.get('xkey')).toMatch(/\bhome\b/);
    });
  });
}
