import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, WireQueueItem } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, PWS_RULES, pwsStory } from '../wire/wire-helpers.js';

for (const dialect of DIALECTS) {
  describe(`newsroom workflow on ${dialect}`, () => {
    let site: TestSite;
    let editor: AdminSession;
    let writer: AdminSession;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { SCHEDULER_INTERVAL_MS: '200', PAGE_CACHE_SECONDS: '0' } });
      editor = await signedInAs(site.store, site.url, 'editor', { name: 'Maya Okafor' });
      writer = await signedInAs(site.store, site.url, 'writer', { name: 'June Halvorsen' });
    });
    afterAll(() => site.close());

    const page = async (path: string) => {
      const response = await fetch(`${site.url}${path}`);
      return { status: response.status, html: await response.text() };
    };
    const draft = async (headline: string) => {
      const response = await writer.call('POST', '/articles', { headline, bodyHtml: `<p>${headline}: the whole story.</p>`, summary: 'A summary.' });
      return (await response.json()) as AdminArticle;
    };
    const publishedEvents = async (id: number) =>
      (await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', id).where('kind', '=', 'published').execute()).length;

    it('publishes a submitted story to the home page, and unpublishes it', async () => {
      const story = await draft('Lighthouse keeper retires after 31 years');
      expect((await writer.call('POST', `/articles/${story.id}/submit`)).status).toBe(200);
      expect((await page(story.path)).status).toBe(404);
      const published = (await (await editor.call('POST', `/articles/${story.id}/publish`)).json()) as AdminArticle;
      expect(published.status).toBe('published');
      expect(published.publishedAt).not.toBeNull();
      expect((await page('/')).html).toContain('Lighthouse keeper retires after 31 years');
      expect((await page(story.path)).status).toBe(200);

      const again = await editor.call('POST', `/articles/${story.id}/publish`);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { hint: string } }).error.hint).toContain('already on the site');

      const off = (await (await editor.call('POST', `/articles/${story.id}/unpublish`)).json()) as AdminArticle;
      expect(off.status).toBe('draft');
      expect((await page(story.path)).status).toBe(404);
      expect((await page('/')).html).not.toContain('Lighthouse keeper retires after 31 years');
    });

    it('refuses to publish an empty story', async () => {
      const empty = (await (await writer.call('POST', '/articles', { headline: 'Nothing yet' })).json()) as AdminArticle;
      const response = await editor.call('POST', `/articles/${empty.id}/publish`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('no body');
    });

    it('publishes a scheduled story when its time comes, exactly once', async () => {
      const story = await draft('Ferry fares rise on Monday');
      const at = new Date(Date.now() + 1500);
      const scheduled = await editor.call('POST', `/articles/${story.id}/schedule`, { at: at.toISOString() });
      expect(scheduled.status).toBe(200);
      expect((await scheduled.json()) as AdminArticle).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() });
      expect((await page(story.path)).status).toBe(404);

      const deadline = Date.now() + 10_000;
      let status = 404;
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        status = (await page(story.path)).status;
      }
      expect(status).toBe(200);
      expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
      const after = (await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      expect(after).toMatchObject({ status: 'published', scheduledAt: null, publishedAt: at.toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await publishedEvents(story.id)).toBe(1);
    });

    it('refuses a time that has passed, and a writer’s schedule', async () => {
      const story = await draft('Too late');
      const past = await editor.call('POST', `/articles/${story.id}/schedule`, { at: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(((await past.json()) as { error: { message: string } }).error.message).toContain('already passed');
      expect((await editor.call('POST', `/articles/${story.id}/schedule`, { at: 'tomorrow' })).status).toBe(400);
      expect((await writer.call('POST', `/articles/${story.id}/schedule`, { at: new Date(Date.now() + 60_000).toISOString() })).status).toBe(403);
    });

    it('shows a correction on the page and in the JSON-LD, and moves the updated time', async () => {
      const story = await draft('Harbor festival moves to Saturday');
      await editor.call('POST', `/articles/${story.id}/publish`);
      const response = await editor.call('POST', `/articles/${story.id}/corrections`, { kind: 'correction', text: 'An earlier version gave the wrong date for the parade.' });
      expect(response.status).toBe(201);
      const corrected = (await response.json()) as AdminArticle;
      expect(corrected.corrections).toHaveLength(1);
      expect(corrected.corrections[0]).toMatchObject({ kind: 'correction', text: 'An earlier version gave the wrong date for the parade.' });
      expect(corrected.updatedAt).toBe(corrected.corrections[0]?.at);
      await editor.call('POST', `/articles/${story.id}/corrections`, { kind: 'update', text: 'The parade route was announced.' });

      const { html } = await page(story.path);
      expect(html).toContain('<strong>Correction:</strong> An earlier version gave the wrong date for the parade.');
      expect(html).toContain('<strong>Update:</strong> The parade route was announced.');
      expect(html).toContain('Updated');
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { correction?: Array<{ '@type': string; text: string; datePublished: string }> };
      expect(jsonLd.correction).toEqual([{ '@type': 'CorrectionComment', text: 'An earlier version gave the wrong date for the parade.', datePublished: expect.any(String) }]);

      const kinds = await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', story.id).orderBy('id').execute();
      expect(kinds.map((k) => k.kind)).toEqual(['published', 'corrected', 'updated']);
      expect((await writer.call('POST', `/articles/${story.id}/corrections`, { kind: 'update', text: 'x' })).status).toBe(403);
      expect((await editor.call('POST', `/articles/${story.id}/corrections`, { kind: 'erratum', text: 'x' })).status).toBe(400);
    });

    it('withdraws a story for good', async () => {
      const story = await draft('Story with a legal problem');
      await editor.call('POST', `/articles/${story.id}/publish`);
      expect((await editor.call('POST', `/articles/${story.id}/withdraw`)).status).toBe(200);
      expect((await page(story.path)).status).toBe(410);
      expect((await editor.call('POST', `/articles/${story.id}/publish`)).status).toBe(409);
      expect((await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, headline: 'Back' })).status).toBe(409);
    });

    it('holds wire stories in the queue to publish, edit then publish, or discard', async () => {
      const hold = { rules: { ...PWS_RULES, publish: 'hold' as const } };
      const now = new Date();
      await ingest(site, pwsStory({ uri: 'urn:pws:queue-1', headline: 'Pilots agree to night schedule' }), now, hold, 'q1.json');
      await ingest(site, pwsStory({ uri: 'urn:pws:queue-2', headline: 'Cannery reopens' }), now, hold, 'q2.json');
      await ingest(site, pwsStory({ uri: 'urn:pws:queue-3', headline: 'Storm warning lifted' }), now, hold, 'q3.json');

      expect((await writer.call('GET', '/wire-queue')).status).toBe(403);
      const queue = ((await (await editor.call('GET', '/wire-queue')).json()) as { items: WireQueueItem[] }).items;
      const byHeadline = new Map(queue.map((i) => [i.headline, i]));
      expect([...byHeadline.keys()]).toEqual(expect.arrayContaining(['Pilots agree to night schedule', 'Cannery reopens', 'Storm warning lifted']));
      const pilots = byHeadline.get('Pilots agree to night schedule') as WireQueueItem;
      expect(pilots).toMatchObject({ uri: 'urn:pws:queue-1', version: '1' });
      expect(pilots.reason).toContain('Held');

      // Publish as it came.
      const out = (await (await editor.call('POST', `/wire-queue/${pilots.articleId}/publish`)).json()) as AdminArticle;
      expect(out.status).toBe('published');
      expect(out.wire).toMatchObject({ uri: 'urn:pws:queue-1' });
      expect((await page(out.path)).status).toBe(200);

      // Edit, then publish.
      const cannery = byHeadline.get('Cannery reopens') as WireQueueItem;
      const held = (await (await editor.call('GET', `/articles/${cannery.articleId}`)).json()) as AdminArticle;
      const edited = await editor.call('PATCH', `/articles/${cannery.articleId}`, { baseRevision: held.revision, headline: 'Cannery reopens with 80 jobs' });
      expect(edited.status).toBe(200);
      const released = (await (await editor.call('POST', `/wire-queue/${cannery.articleId}/publish`)).json()) as AdminArticle;
      expect(released).toMatchObject({ status: 'published', headline: 'Cannery reopens with 80 jobs' });

      // Discard.
      const storm = byHeadline.get('Storm warning lifted') as WireQueueItem;
      expect((await editor.call('POST', `/wire-queue/${storm.articleId}/discard`)).status).toBe(204);
      expect((await editor.call('POST', `/wire-queue/${storm.articleId}/discard`)).status).toBe(404);
      const discarded = (await (await editor.call('GET', `/articles/${storm.articleId}`)).json()) as AdminArticle;
      expect(discarded.status).toBe('withheld');
      expect((await page(discarded.path)).status).toBe(404);

      const left = ((await (await editor.call('GET', '/wire-queue')).json()) as { items: WireQueueItem[] }).items.map((i) => i.uri);
      expect(left).not.toContain('urn:pws:queue-1');
      expect(left).not.toContain('urn:pws:queue-2');
      expect(left).not.toContain('urn:pws:queue-3');
      const states = await site.store.db.kysely.selectFrom('wire_items').select(['uri', 'state']).where('uri', 'like', 'urn:pws:queue-%').orderBy('uri').execute();
      expect(states.map((s) => s.state)).toEqual(['live', 'live', 'skipped']);
      expect((await editor.call('POST', `/wire-queue/${pilots.articleId}/publish`)).status).toBe(404);
    });
  });
}
