import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Teaser } from '../../src/domain/article.js';
import { FRONT_HEADLINE_MAX, teaserText } from '../../src/domain/front-layout.js';
import type { AdminFront } from '../../src/newsroom/fronts/front-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { getPage, teasersIn, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

// Issue 12: fronts the desk controls, on real responses. The page cache is on
// (60 s), so every check after a change also proves the change purged it.

/** Polls until `check` holds; fails past `withinMs`. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<void> {
  const start = performance.now();
  for (;;) {
    if (await check()) return;
    if (performance.now() - start > withinMs) throw new Error(`not true within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`curated fronts on ${dialect}`, () => {
    let site: TestSite;
    let editor: AdminSession;
    let newsId: number;
    let stories: Teaser[];

    beforeAll(async () => {
      site = await startTestSite(dialect);
      editor = await signedInAs(site.store, site.url, 'editor');
      newsId = (await site.store.sections.bySlug('news'))?.id as number;
      stories = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 60, now: new Date() })).items;
    }, 180_000);

    afterAll(async () => {
      await site?.close();
    });

    /** The home or section page's lead and top-story teasers, as readers get them. */
    async function front(path: string) {
      const { status, document, body } = await getPage(site, path);
      expect(status, path).toBe(200);
      const main = document.querySelector('main') as Element;
      return {
        body,
        lead: teasersIn(main.querySelector('.front-lead') ?? document.createElement('div'))[0],
        tops: teasersIn(main.querySelector('.front-tops') ?? document.createElement('div')),
        all: teasersIn(main),
        main,
      };
    }

    const oldStory = (inPath: string) => {
      const story = [...stories].reverse().find((s) => s.path.startsWith(inPath) && s.leadMedia && s.label !== 'sponsored');
      if (!story) throw new Error(`no old story under ${inPath}`);
      return story;
    };

    it('shows a pinned lead on the home page at once, with its front-only headline, over newer stories', async () => {
      const story = oldStory('/sports/');
      expect((await front('/')).lead?.href).not.toBe(story.path);
      const response = await editor.call('PUT', '/fronts/home/slots/0', { articleId: story.id, headline: 'Harbor Hawks: the season that was' });
      expect(response.status, await response.clone().text()).toBe(200);
      const answer = (await response.json()) as AdminFront;
      expect(answer.slots[0]?.pin?.articleId).toBe(story.id);
      expect(answer.slots[0]?.shown).toMatchObject({ articleId: story.id, pinned: true, headline: 'Harbor Hawks: the season that was' });
      // No waiting: the change path purged this node's cached home page with the commit.
      const home = await front('/');
      expect(home.lead?.href).toBe(story.path);
      expect(home.lead?.headline).toBe('Harbor Hawks: the season that was');
      expect(home.lead?.image).not.toBeNull();
      expect(home.all.filter((t) => t.href === story.path)).toHaveLength(1);
    });

    it('shows a pinned lead on a section front, and the rest of the section below it without repeating it', async () => {
      const story = oldStory('/news/');
      await editor.call('GET', `/fronts/${newsId}`);
      const response = await editor.call('PUT', `/fronts/${newsId}/slots/0`, { articleId: story.id });
      expect(response.status).toBe(200);
      const news = await front('/news');
      expect(news.lead?.href).toBe(story.path);
      expect(news.lead?.headline).toBe(story.headline);
      expect(news.tops.length).toBeGreaterThan(0);
      const hrefs = news.all.map((t) => t.href);
      expect(new Set(hrefs).size).toBe(hrefs.length);
      expect(textOf(news.main.querySelector('.front-river h2'))).toBe('Latest in News');
      // Page 2 of the section is the plain list.
      const next = news.main.querySelector('a[rel="next"]')?.getAttribute('href') as string;
      const second = await getPage(site, next);
      expect(second.document.querySelector('.front-lead')).toBeNull();
    });

    it('moves a story between slots with the move call, and both stay where the editor put them', async () => {
      const before = (await (await editor.call('GET', '/fronts/home')).json()) as AdminFront;
      const second = before.slots[1]?.shown;
      expect(second).toBeTruthy();
      const response = await editor.call('POST', '/fronts/home/move', { from: 1, to: 0 });
      expect(response.status).toBe(200);
      const after = (await response.json()) as AdminFront;
      expect(after.slots[0]?.shown?.articleId).toBe(second?.articleId);
      expect(after.slots[1]?.shown?.articleId).toBe(before.slots[0]?.shown?.articleId);
      expect(after.slots[0]?.pin).not.toBeNull();
      expect((await front('/')).lead?.href).toBe(second?.path);
      // Back as it was, for the tests after this one.
      expect((await editor.call('POST', '/fronts/home/move', { from: 1, to: 0 })).status).toBe(200);
    });

    it('drops a pinned story from the front as soon as it is withdrawn', async () => {
      const story = oldStory('/opinion/');
      expect((await editor.call('PUT', '/fronts/home/slots/2', { articleId: story.id })).status).toBe(200);
      expect((await front('/')).all.map((t) => t.href)).toContain(story.path);
      await site.store.articleWriter.update(story.id, { status: 'withdrawn' });
      await within(2000, async () => !(await front('/')).body.includes(`href="${story.path}"`));
      const desk = (await (await editor.call('GET', '/fronts/home')).json()) as AdminFront;
      expect(desk.slots[2]?.pin).toMatchObject({ articleId: story.id, live: false });
      expect(desk.slots[2]?.pin?.hiddenReason).toMatch(/withdrawn/);
      expect(desk.slots[2]?.shown?.articleId).not.toBe(story.id);
      expect((await editor.call('DELETE', '/fronts/home/slots/2')).status).toBe(200);
    });

    it('lets a pin with an end lapse: the page stops showing it without anyone touching the front', async () => {
      const story = oldStory('/news/');
      const expiresAt = new Date(Date.now() + 2500).toISOString();
      const response = await editor.call('PUT', '/fronts/home/slots/3', { articleId: story.id, headline: 'For a moment only', expiresAt });
      expect(response.status, await response.clone().text()).toBe(200);
      const answer = (await response.json()) as AdminFront;
      expect(answer.slots[3]?.pin?.expiresAtText).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T$/);
      expect((await front('/')).body).toContain('For a moment only');
      // The cached page is dropped by the front.expire job at the end, not by the cache's own minute.
      await within(15_000, async () => !(await front('/')).body.includes('For a moment only'));
      const desk = (await (await editor.call('GET', '/fronts/home')).json()) as AdminFront;
      expect(desk.slots[3]?.pin).toBeNull();
    });

    it('never leaves a hole for the newest story when it has no photo', async () => {
      const news = await site.store.sections.bySlug('news');
      const author = (await site.store.authors.bySlug('maya-okafor'))?.id as number;
      const headline = 'Fact check: the ferry fare claim does not add up';
      const { id } = await site.store.articleWriter.create(
        {
          headline,
          summary: 'A viral post says fares tripled. The county’s own tables show a 12 percent rise over five years.',
          bodyHtml: '<p>The post that went round on Tuesday said ferry fares had tripled since 2021.</p>',
          label: 'news',
          status: 'published',
          sectionId: news?.id as number,
          publishedAt: new Date(),
          authorIds: [author],
        },
        new Date(),
      );
      await within(2000, async () => (await front('/')).body.includes(headline));
      for (const path of ['/', '/news']) {
        const page = await front(path);
        const teaser = page.all.find((t) => t.headline === headline);
        expect(teaser, path).toBeDefined();
        expect(teaser?.image, path).toBeNull();
        // The photo slots went to stories with photos; the lead has its picture.
        expect(page.lead?.image, path).not.toBeNull();
        // No empty picture box anywhere: every picture box holds a picture.
        for (const box of page.main.querySelectorAll('.teaser-image')) expect(box.querySelector('img'), path).not.toBeNull();
        expect(page.main.querySelector(`li.teaser-no-image .teaser-image`)).toBeNull();
        // The teaser shows the summary, whole.
        expect(teaser?.excerpt).toBe('A viral post says fares tripled. The county’s own tables show a 12 percent rise over five years.');
      }
      // Pinned as the lead, it leads without a picture, and the page says so in its markup (no figure box).
      expect((await editor.call('PUT', `/fronts/${newsId}/slots/0`, { articleId: id })).status).toBe(200);
      const pinned = await front('/news');
      expect(pinned.lead?.href).toMatch(/fact-check-the-ferry-fare-claim/);
      expect(pinned.lead?.image).toBeNull();
      expect(pinned.main.querySelector('.front-lead.front-lead-text')).not.toBeNull();
      expect(pinned.main.querySelector('.front-lead .teaser-image')).toBeNull();
    });

    it('shows teasers’ summaries, cut at a word boundary only where the place is shorter', async () => {
      const home = await front('/');
      const byPath = new Map(stories.map((s) => [s.path, s]));
      let checked = 0;
      for (const teaser of home.all) {
        const story = byPath.get(teaser.href);
        if (!story?.summary) continue;
        checked++;
        const cut = teaserText(story, 1000);
        expect(cut.startsWith(teaser.excerpt.replace(/ \[…\]$/, '')), teaser.href).toBe(true);
        if (teaser.excerpt.endsWith('[…]')) expect(story.summary.length, teaser.href).toBeGreaterThan(teaser.excerpt.length - 4);
      }
      expect(checked).toBeGreaterThan(5);
    });

    it('refuses what must not be pinned, saying what to do, and changes nothing', async () => {
      const sponsored = (await site.store.articles.list({ scope: { kind: 'sponsored' }, limit: 1, now: new Date() })).items[0] as Teaser;
      const draft = await site.store.db.kysely.selectFrom('articles').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
      const story = oldStory('/news/');
      const cases: Array<[string, string, unknown, number, RegExp]> = [
        ['PUT', '/fronts/home/slots/1', { articleId: sponsored.id }, 400, /sponsored/],
        ['PUT', '/fronts/home/slots/1', { articleId: draft.id }, 409, /not published/],
        ['PUT', '/fronts/home/slots/1', { articleId: 99_999_999 }, 404, /no story/],
        ['PUT', '/fronts/home/slots/7', { articleId: story.id }, 400, /slots 1 to 5/],
        ['PUT', '/fronts/nowhere/slots/1', { articleId: story.id }, 404, /no front/],
        ['PUT', '/fronts/999999/slots/1', { articleId: story.id }, 404, /no front/],
        ['PUT', '/fronts/home/slots/1', { articleId: story.id, expiresAt: 'next tuesday' }, 400, /not a date/],
        ['PUT', '/fronts/home/slots/1', { articleId: story.id, expiresAt: '2020-01-01T00:00:00Z' }, 400, /passed/],
        ['PUT', '/fronts/home/slots/1', { articleId: story.id, headline: 'x'.repeat(FRONT_HEADLINE_MAX + 1) }, 400, /at most/],
        ['PUT', '/fronts/home/slots/1', { articleId: story.id, mediaId: 99_999_999 }, 400, /no picture/],
        ['PUT', '/fronts/home/slots/1', { articleId: story.id, extra: 1 }, 400, /./],
        ['POST', '/fronts/home/move', { from: 4, to: 9 }, 400, /slots 1 to 5/],
      ];
      const before = await site.store.fronts.pins('home');
      for (const [method, path, body, status, message] of cases) {
        const response = await editor.call(method, path, body);
        const answer = (await response.json()) as { error: { message: string; hint?: string } };
        expect(response.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(status);
        expect(answer.error.message, path).toMatch(message);
      }
      expect(await site.store.fronts.pins('home')).toEqual(before);
    });

    it('shows a front-only headline as text, never as markup', async () => {
      const story = oldStory('/news/');
      const headline = '<img src=x onerror=alert(1)> Ferry & "fares"';
      expect((await editor.call('PUT', '/fronts/home/slots/4', { articleId: story.id, headline })).status).toBe(200);
      const home = await front('/');
      expect(home.body).not.toContain('<img src=x');
      expect(home.all.find((t) => t.href === story.path)?.headline).toBe(headline);
      expect((await editor.call('DELETE', '/fronts/home/slots/4')).status).toBe(200);
      expect((await front('/')).body).not.toContain('onerror=alert');
    });

    it('lets writers read the site but not the fronts desk', async () => {
      const writer = await signedInAs(site.store, site.url, 'writer');
      expect((await writer.call('GET', '/fronts')).status).toBe(403);
      expect((await writer.call('PUT', '/fronts/home/slots/0', { articleId: oldStory('/news/').id })).status).toBe(403);
    });

    it('shows a front-only photo’s new caption on the fronts that use it at once (their cached pages are purged)', async () => {
      const story = oldStory('/news/');
      // The photo of a story far from the News front: only the pin puts it there.
      const photo = oldStory('/sports/').leadMedia?.id as number;
      const pinned = await editor.call('PUT', `/fronts/${newsId}/slots/0`, { articleId: story.id, mediaId: photo });
      expect(pinned.status, await pinned.clone().text()).toBe(200);
      const leadAlt = async () => (await front('/news')).main.querySelector('.front-lead img')?.getAttribute('alt');
      const before = await leadAlt();
      // A teaser's thumbnail is described by its picture's caption.
      const alt = 'Players lift the cup in front of the home stand.';
      expect(before).not.toBe(alt);
      const edited = await editor.call('PATCH', `/media/${photo}`, { caption: alt });
      expect(edited.status, await edited.clone().text()).toBe(200);
      expect(await leadAlt()).toBe(alt);
    });

    it('reads a front with one indexed query on front_slots', async () => {
      if (dialect !== 'sqlite') return;
      const { sql } = await import('kysely');
      const plan = await sql<{ detail: string }>`explain query plan
        select a.id from front_slots f join articles a on a.id = f.article_id
        where f.front = 'home' and (f.expires_at is null or f.expires_at > 0)
          and a.status = 'published' and a.label <> 'sponsored' and a.published_at <= 1`.execute(site.store.db.kysely);
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toMatch(/SEARCH f USING INDEX front_slots_front/);
      expect(details).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
    });
  });
}
