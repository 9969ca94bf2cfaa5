import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS } from '../fixtures/related/corpus.js';
import { ContentApiClient } from '../support/content-api-client.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { type LoadedStory, loadCorpus, relatedSettled } from './corpus-support.js';

const NOW = new Date('2026-03-10T19:30:00Z');

for (const dialect of DIALECTS) {
  describe(`related stories and topics over the corpus on ${dialect}`, () => {
    let site: TestSite;
    let stories: LoadedStory[];
    let api: ContentApiClient;
    const STORY_TEXT = new Map<number, string>();

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false });
      stories = await loadCorpus(site.store, NOW);
      await relatedSettled(site.store);
      site.app.purgePages();
      api = new ContentApiClient(site, (await site.store.apiKeys.create('related tests')).key);
      await api.loadDocument();
      const rows = await site.store.db.kysely.selectFrom('articles').select(['id', 'headline', 'body_text']).execute();
      for (const r of rows) STORY_TEXT.set(Number(r.id), `${r.headline} ${r.body_text}`);
    }, 180_000);

    afterAll(async () => {
      await site?.close();
    });

    async function relatedOf(id: number): Promise<Array<{ id: number; headline: string }>> {
      const response = await api.get(`/articles/${id}/related`, '/api/v1/articles/{id}/related');
      expect(response.status).toBe(200);
      return response.body.data;
    }

    it('offers, for every clustered story, three related stories of its own cluster (precision@3 ≥ 0.9), never itself', async () => {
      const clusterOf = new Map(stories.map((s) => [s.id, s.cluster]));
      let hits = 0;
      let total = 0;
      const misses: string[] = [];
      for (const story of stories.filter((s) => s.cluster !== 'decoy')) {
        const related = await relatedOf(story.id);
        expect(related.map((r) => r.id)).not.toContain(story.id);
        for (const r of related.slice(0, 3)) {
          total++;
          if (clusterOf.get(r.id) === story.cluster) hits++;
          else misses.push(`${story.headline} → ${r.headline}`);
        }
        total += Math.max(0, 3 - related.length);
      }
      expect(hits / total, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    });

    it('finds the people and places named in each cluster (recall ≥ 0.8 on the labelled list)', async () => {
      const db = site.store.db.kysely;
      let found = 0;
      let labelled = 0;
      const missing: string[] = [];
      for (const cluster of CLUSTERS) {
        const ids = stories.filter((s) => s.cluster === cluster.name).map((s) => s.id);
        const rows = await db
          .selectFrom('article_entities as ae')
          .innerJoin('entities as e', 'e.id', 'ae.entity_id')
          .select(['e.name', 'e.kind'])
          .where('ae.article_id', 'in', ids)
          .execute();
        for (const [kind, names] of [['person', cluster.people], ['place', cluster.places]] as const) {
          for (const name of names) {
            labelled++;
            if (rows.some((r) => r.name === name && r.kind === kind)) found++;
            else missing.push(`${cluster.name}: ${name} (${kind})`);
          }
        }
      }
      expect(found / labelled, missing.join('\n')).toBeGreaterThanOrEqual(0.8);
    });

    it('lists on a topic page exactly the stories that name the entity', async () => {
      for (const name of ['Elena Voss', 'Teresa Lindqvist', 'Geneva', 'Orca Point']) {
        const entity = await site.store.db.kysely.selectFrom('entities').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
        expect(entity.status, name).toBe('confirmed');
        const expected = stories.filter((s) => STORY_TEXT.get(s.id)?.includes(name)).map((s) => s.path).sort();
        const response = await fetch(`${site.url}/topics/${entity.slug}`);
        expect(response.status, name).toBe(200);
        const html = await response.text();
        const listed = [...html.matchAll(/<h[23][^>]*>\s*<a href="([^"]+)"/g)].map((m) => m[1] as string).sort();
        expect(listed, name).toEqual(expected);
      }
    });

    it('lists the topics in the content API, each with exactly its stories, validated against the OpenAPI document', async () => {
      const list = await api.get('/topics?limit=200', '/api/v1/topics');
      expect(list.status).toBe(200);
      const slugs = list.body.data.map((t: { slug: string }) => t.slug);
      expect(slugs).toContain('elena-voss');
      expect(slugs).toEqual([...slugs].sort());
      const one = await api.get('/topics/teresa-lindqvist', '/api/v1/topics/{slug}');
      expect(one.status).toBe(200);
      expect(one.body.kind).toBe('person');
      expect(one.body.stories.map((s: { id: number }) => s.id).sort()).toEqual(stories.filter((s) => STORY_TEXT.get(s.id)?.includes('Teresa Lindqvist')).map((s) => s.id).sort());
      const missing = await api.get('/topics/no-such-person', '/api/v1/topics/{slug}');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
      const notAStory = await api.get('/articles/999999/related', '/api/v1/articles/{id}/related');
      expect(notAStory.status).toBe(404);
    });

    it('puts each story’s topics and related stories on its page, with about/mentions in its JSON-LD', async () => {
      const story = stories.find((s) => s.headline.startsWith('Ferry strike strands'))!;
      const html = await (await fetch(`${site.url}${story.path}`)).text();
      expect(html).toMatch(/<nav class="story-topics" aria-labelledby="story-topics-heading">/);
      expect(html).toContain('href="/topics/teresa-lindqvist"');
      expect(html).toMatch(/<section class="more-in related-stories" aria-labelledby="related-heading">/);
      const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(html)![1]!);
      const named = [...(ld.about ?? []), ...(ld.mentions ?? [])].map((e: { name: string; '@type': string }) => `${e['@type']}:${e.name}`);
      expect(named).toContain('Person:Teresa Lindqvist');
      expect(named).toContain('Place:Harlow Bay');
      const topic = await (await fetch(`${site.url}/topics/harlow-bay`)).text();
      expect(topic).toContain('"@type":"Place"');
      const feed = await fetch(`${site.url}/topics/harlow-bay/rss.xml`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('Ferries sail again at Harlow Bay after deal');
      const sitemap = await (await fetch(`${site.url}/sitemaps/topics.xml`)).text();
      expect(sitemap).toContain('/topics/harlow-bay</loc>');
    });

  });
}
