import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAuthor, AdminSection, AdminSponsor } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

type ErrorBody = { error: { code: string; message: string; hint: string } };

for (const dialect of DIALECTS) {
  describe(`sections, authors and sponsors on ${dialect}`, () => {
    let site: TestSite;
    let admin: AdminSession;
    let editor: AdminSession;
    let writer: AdminSession;

    beforeAll(async () => {
      site = await startTestSite(dialect);
      admin = await signedInAs(site.store, site.url, 'admin');
      editor = await signedInAs(site.store, site.url, 'editor');
      writer = await signedInAs(site.store, site.url, 'writer');
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    const sections = async (session: AdminSession = writer) => ((await (await session.call('GET', '/sections')).json()) as { items: AdminSection[] }).items;
    const section = async (slug: string) => (await sections()).find((s) => s.slug === slug) as AdminSection;
    const page = async (path: string) => {
      const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    };
    /** Section names in the site menu, in order. */
    const menu = async () => {
      const { html } = await page('/');
      const nav = html.match(/<nav[^>]*class="[^"]*site-nav[^"]*"[\s\S]*?<\/nav>/)?.[0] ?? html;
      return [...nav.matchAll(/<a[^>]*href="\/([a-z0-9-]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => m[2]);
    };

    it('lists sections to every role in menu order, each parent followed by its sub-sections, with paths', async () => {
      const items = await sections(writer);
      expect(items.map((s) => s.path)).toEqual(['/news', '/news/politics', '/news/local', '/opinion', '/sports', '/tools', '/connect']);
      expect(items[1]).toMatchObject({ slug: 'politics', name: 'Politics', parentId: items[0]?.id, inMenu: true });
    });

    it('lets an admin add a section, which appears in the menu; others are refused', async () => {
      expect((await editor.call('POST', '/sections', { name: 'Science' })).status).toBe(403);
      const response = await admin.call('POST', '/sections', { name: 'Science & Nature', description: 'Tides, forests and the people who study them.' });
      expect(response.status).toBe(201);
      const created = (await response.json()) as AdminSection;
      expect(created).toMatchObject({ slug: 'science-and-nature', name: 'Science & Nature', parentId: null, path: '/science-and-nature', inMenu: true });
      expect((await sections()).at(-1)?.slug).toBe('science-and-nature');
      expect(await menu()).toContain('Science &amp; Nature');
      expect((await page('/science-and-nature')).status).toBe(200);
    });

    it('explains a slug that is taken or that the site itself uses, and a missing parent', async () => {
      const taken = await admin.call('POST', '/sections', { name: 'More news', slug: 'news' });
      expect(taken.status).toBe(409);
      expect(((await taken.json()) as ErrorBody).error.message).toBe('The slug “news” is already used by the section “News”.');

      const reserved = await admin.call('POST', '/sections', { name: 'Search' });
      expect(reserved.status).toBe(400);
      expect(((await reserved.json()) as ErrorBody).error.message).toMatch(/cannot be called “search”: the site uses \/search itself/);
      // Below a parent the path is /parent/search, which is free.
      const news = await section('news');
      expect((await admin.call('POST', '/sections', { name: 'Search', slug: 'search', parentId: news.id })).status).toBe(201);

      const orphan = await admin.call('POST', '/sections', { name: 'Lost', parentId: 999999 });
      expect(orphan.status).toBe(400);
      expect(((await orphan.json()) as ErrorBody).error.message).toBe('There is no section with id 999999 to put this section under.');
    });

    it('reorders the menu: moving Sports first shifts the others and the site menu follows', async () => {
      const sports = await section('sports');
      const response = await admin.call('PATCH', `/sections/${sports.id}`, { position: 0 });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ slug: 'sports', position: 0, storiesMoved: 0 });
      const roots = (await sections()).filter((s) => s.parentId === null);
      expect(roots.map((s) => s.slug).slice(0, 3)).toEqual(['sports', 'news', 'opinion']);
      expect(roots.map((s) => s.position)).toEqual(roots.map((_, i) => i));
      const names = await menu();
      expect(names.indexOf('Sports')).toBeLessThan(names.indexOf('News'));
    });

    it('renames a section and hides it from the menu; the site shows the change at once', async () => {
      const tools = await section('tools');
      expect((await page('/')).html).toContain('>Tools<');
      const response = await admin.call('PATCH', `/sections/${tools.id}`, { name: 'Guides', inMenu: true });
      expect(response.status).toBe(200);
      expect(await menu()).toContain('Guides');
      expect((await admin.call('PATCH', `/sections/${tools.id}`, { inMenu: false })).status).toBe(200);
      expect(await menu()).not.toContain('Guides');
      expect((await page('/tools')).status).toBe(200);
    });

    it('moves a section under another parent: its stories move to the new parent’s front, old addresses redirect', async () => {
      const news = await section('news');
      const sports = await section('sports');
      const created = (await (await admin.call('POST', '/sections', { name: 'Outdoors', parentId: news.id })).json()) as AdminSection;
      expect(created.path).toBe('/news/outdoors');
      // A fresh published story, newest on the site, so it tops whichever front lists it.
      const story = await site.store.articleWriter.create({
        headline: 'Kayakers return to Cedar Point as the storm season ends',
        bodyHtml: '<p>The first kayakers of spring paddled out from Cedar Point on Saturday.</p>',
        label: 'news',
        status: 'published',
        sectionId: created.id,
        publishedAt: new Date(Date.now() - 60_000),
        authorIds: [],
      });
      expect(story.path).toBe('/news/outdoors/kayakers-return-to-cedar-point-as-the-storm-season-ends');
      expect((await page('/news')).html).toContain('Kayakers return to Cedar Point');
      expect((await page('/sports')).html).not.toContain('Kayakers return to Cedar Point');

      const response = await admin.call('PATCH', `/sections/${created.id}`, { parentId: sports.id });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ path: '/sports/outdoors', parentId: sports.id, storiesMoved: 1 });

      const newPath = '/sports/outdoors/kayakers-return-to-cedar-point-as-the-storm-season-ends';
      expect((await page('/sports')).html).toContain('Kayakers return to Cedar Point');
      expect((await page('/sports/outdoors')).html).toContain('Kayakers return to Cedar Point');
      expect((await page('/news')).html).not.toContain('Kayakers return to Cedar Point');
      expect((await page(newPath)).status).toBe(200);
      expect(await page(story.path)).toMatchObject({ status: 301, location: newPath });
      // Section fronts keep no old addresses (docs/newsroom.md): the old front is gone.
      expect((await page('/news/outdoors')).status).toBe(404);

      const row = await site.store.db.kysely.selectFrom('articles').select(['path', 'root_section_id']).where('id', '=', story.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ path: newPath, root_section_id: sports.id });
      // Subscribers hear that the story's address changed.
      const events = await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', story.id).orderBy('id').execute();
      expect(events.map((e) => e.kind)).toEqual(['published', 'changed']);

      // Moved back, the current address answers (it must not redirect to itself) and the sports one redirects.
      expect((await admin.call('PATCH', `/sections/${created.id}`, { parentId: news.id, slug: 'outdoors' })).status).toBe(200);
      expect((await page(story.path)).status).toBe(200);
      expect(await page(newPath)).toMatchObject({ status: 301, location: story.path });
    });

    it('refuses to put a section under its own sub-section', async () => {
      const news = await section('news');
      const politics = await section('politics');
      const response = await admin.call('PATCH', `/sections/${news.id}`, { parentId: politics.id });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.message).toBe('“Politics” is inside this section, so it cannot become its parent.');
      expect((await admin.call('PATCH', `/sections/${news.id}`, { parentId: news.id })).status).toBe(400);
      expect((await admin.call('PATCH', '/sections/999999', { name: 'x' })).status).toBe(404);
    });

    it('renaming a sub-section’s slug moves its stories to the new address', async () => {
      const local = await section('local');
      const before = await site.store.db.kysely.selectFrom('articles').select(['id', 'path', 'status']).where('section_id', '=', local.id).orderBy('id').execute();
      expect(before.length).toBeGreaterThan(0);
      const response = await admin.call('PATCH', `/sections/${local.id}`, { slug: 'cedar-county' });
      expect(((await response.json()) as { storiesMoved: number }).storiesMoved).toBe(before.length);
      const published = before.find((s) => s.status === 'published') as { path: string };
      const moved = published.path.replace('/news/local/', '/news/cedar-county/');
      expect(await page(published.path)).toMatchObject({ status: 301, location: moved });
      expect((await page(moved)).status).toBe(200);
      expect((await page('/news/cedar-county')).status).toBe(200);
    });

    it('lets editors add and edit authors (bio, picture); the author page shows it at once', async () => {
      const authors = ((await (await writer.call('GET', '/authors')).json()) as { items: AdminAuthor[] }).items;
      expect(authors.length).toBeGreaterThan(3);
      const someone = authors.find((a) => a.kind === 'person') as AdminAuthor;
      expect((await page(`/authors/${someone.slug}`)).status).toBe(200);

      expect((await writer.call('PATCH', `/authors/${someone.id}`, { bio: 'x' })).status).toBe(403);
      const bio = 'Covers the port, the fleet and the weather that rules both.';
      const patched = await editor.call('PATCH', `/authors/${someone.id}`, { bio });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ id: someone.id, slug: someone.slug, bio });
      expect((await page(`/authors/${someone.slug}`)).html).toContain(bio);

      const picture = await site.store.db.kysely.selectFrom('media').select('id').orderBy('id').executeTakeFirstOrThrow();
      const created = await editor.call('POST', '/authors', { name: 'Rosa Delgado', bio: 'Education reporter.', pictureId: picture.id });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ slug: 'rosa-delgado', name: 'Rosa Delgado', kind: 'person', pictureId: picture.id });
      const again = (await (await editor.call('POST', '/authors', { name: 'Rosa Delgado' })).json()) as AdminAuthor;
      expect(again.slug).toBe('rosa-delgado-2');

      const badPicture = await editor.call('POST', '/authors', { name: 'Nobody', pictureId: 999999 });
      expect(badPicture.status).toBe(400);
      expect(((await badPicture.json()) as ErrorBody).error.message).toBe('There is no picture with id 999999 in the media library.');
      const blank = await editor.call('POST', '/authors', { name: '   ' });
      expect(blank.status).toBe(400);
    });

    it('lets admins add and edit sponsors; editors only read them', async () => {
      expect((await editor.call('POST', '/sponsors', { name: 'Harbor Bank', url: 'https://harbor.example' })).status).toBe(403);
      const created = await admin.call('POST', '/sponsors', { name: 'Harbor Bank', url: 'https://harbor.example', blurb: 'Banking on the coast since 1911.' });
      expect(created.status).toBe(201);
      const sponsor = (await created.json()) as AdminSponsor;
      expect(sponsor).toMatchObject({ slug: 'harbor-bank', name: 'Harbor Bank', url: 'https://harbor.example/' });

      const bad = await admin.call('PATCH', `/sponsors/${sponsor.id}`, { url: 'javascript:alert(1)' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.message).toBe('“javascript:alert(1)” is not a web address.');
      expect(await (await admin.call('PATCH', `/sponsors/${sponsor.id}`, { name: 'Harbor Community Bank' })).json()).toMatchObject({ name: 'Harbor Community Bank', slug: 'harbor-bank' });

      const list = ((await (await editor.call('GET', '/sponsors')).json()) as { items: AdminSponsor[] }).items;
      expect(list.map((s) => s.name)).toContain('Harbor Community Bank');
      const unknownField = await admin.call('POST', '/sponsors', { name: 'X', url: 'https://x.example', logo: 'x.png' });
      expect(unknownField.status).toBe(400);
      expect(((await unknownField.json()) as ErrorBody).error.message).toMatch(/unknown field "logo"/);
    });
  });
}
