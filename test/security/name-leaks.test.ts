import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

/** A story in `status` (published in the future = embargoed) with its own author and tag, so any leak is of them alone. */
async function storyWithNames(store: Store, label: string, patch: { status: 'draft' | 'published' | 'withheld'; publishedAt: Date | null }) {
  const news = await store.sections.bySlug('news');
  const authorSlug = `${label}-reporter`;
  const authorId = await store.authors.create({ slug: authorSlug, name: `${label} Reporter`, kind: 'person' });
  const { id } = await store.articleWriter.create({
    headline: `The ${label} story`,
    summary: `Summary of the ${label} story`,
    bodyHtml: `<p>Body of the ${label} story.</p>`,
    label: 'news',
    status: patch.status,
    sectionId: news!.id,
    authorIds: [authorId],
    publishedAt: patch.publishedAt,
  } as never);
  await store.articleWriter.update(id, { tagNames: [`${label} merger talks`] } as never);
  return { id, authorSlug, tagSlug: `${label}-merger-talks` };
}

for (const dialect of DIALECTS) {
  describe(`nothing unpublished leaks through names (${dialect})`, () => {
    let site: TestSite;
    let key: string;
    const hidden: Array<{ id: number; authorSlug: string; tagSlug: string; label: string }> = [];

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0' } });
      key = (await site.store.apiKeys.create('leak test')).key;
      const future = new Date(Date.now() + 7 * 24 * 3600_000);
      for (const [label, patch] of [
        ['draft', { status: 'draft', publishedAt: null }],
        ['embargoed', { status: 'published', publishedAt: future }],
        ['withheld', { status: 'withheld', publishedAt: new Date(Date.now() - 3600_000) }],
      ] as const) {
        hidden.push({ ...(await storyWithNames(site.store, label, patch)), label });
      }
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    const get = (path: string) => fetch(`${site.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const allOf = async (path: string): Promise<string[]> => {
      const slugs: string[] = [];
      for (let next: string | null = `${path}?limit=100`; next; ) {
        const body = (await (await get(next.replace(/^https?:\/\/[^/]+/, ''))).json()) as { data: Array<{ slug: string }>; next: string | null };
        slugs.push(...body.data.map((d) => d.slug));
        next = body.next;
      }
      return slugs;
    };

    it('answers 404 for the tag and author pages and feeds of stories readers cannot see', async () => {
      for (const h of hidden) {
        for (const path of [`/tags/${h.tagSlug}`, `/authors/${h.authorSlug}`, `/tags/${h.tagSlug}/rss.xml`, `/authors/${h.authorSlug}/feed.json`]) {
          expect((await fetch(`${site.url}${path}`)).status, `${h.label}: ${path}`).toBe(404);
        }
      }
    });

    it('leaves them out of /api/v1/tags and /api/v1/authors, their single records and the article filters', async () => {
      const [tags, authors] = await Promise.all([allOf('/api/v1/tags'), allOf('/api/v1/authors')]);
      expect(tags.length).toBeGreaterThan(0);
      expect(authors.length).toBeGreaterThan(0);
      for (const h of hidden) {
        expect(tags, h.label).not.toContain(h.tagSlug);
        expect(authors, h.label).not.toContain(h.authorSlug);
        expect((await get(`/api/v1/tags/${h.tagSlug}`)).status).toBe(404);
        expect((await get(`/api/v1/authors/${h.authorSlug}`)).status).toBe(404);
        expect((await get(`/api/v1/articles?tag=${h.tagSlug}`)).status).toBe(404);
        expect((await get(`/api/v1/articles?author=${h.authorSlug}`)).status).toBe(404);
      }
    });

    it('leaves their authors out of the sitemap, and shows the names once the story is published', async () => {
      const sitemaps = await (await fetch(`${site.url}/sitemaps/authors.xml`)).text();
      expect(sitemaps).toContain('/authors/');
      for (const h of hidden) expect(sitemaps).not.toContain(`/authors/${h.authorSlug}`);
      const draft = hidden[0]!;
      await site.store.articleWriter.update(draft.id, { status: 'published', publishedAt: new Date(Date.now() - 60_000) } as never);
      expect((await fetch(`${site.url}/tags/${draft.tagSlug}`)).status).toBe(200);
      expect((await fetch(`${site.url}/authors/${draft.authorSlug}`)).status).toBe(200);
      expect(await allOf('/api/v1/tags')).toContain(draft.tagSlug);
      expect((await get(`/api/v1/authors/${draft.authorSlug}`)).status).toBe(200);
    });
  });
}
