import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, textOf } from '../support/reader-pages.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// Times speak the site's language (SITE_LANGUAGE), and search's day filters
// follow the site's zone even on days whose midnight daylight saving skips.

describe('a German site in Santiago de Chile', () => {
  let site: TestSite;
  const now = new Date('2026-09-08T15:00:00Z');

  beforeAll(async () => {
    site = await startTestSite('sqlite', { now, env: { SITE_LANGUAGE: 'de-DE', SITE_TIME_ZONE: 'America/Santiago' } });
    const news = await site.store.sections.bySlug('news');
    const author = (await site.store.db.kysely.selectFrom('authors').select('id').executeTakeFirstOrThrow()).id;
    // 2026-09-06: Chile's clocks jump from 00:00 to 01:00. 03:30Z is 23:30 on the 5th; 04:30Z is 01:30 on the 6th.
    for (const [headline, at] of [
      ['Leuchtturm am Kap wird saniert', '2026-09-06T03:30:00Z'],
      ['Leuchtturm am Kap wieder geöffnet', '2026-09-06T04:30:00Z'],
    ] as const) {
      await site.store.articleWriter.create({
        headline,
        bodyHtml: '<p>Der Leuchtturm steht seit hundert Jahren.</p><p>Zweiter Absatz.</p>',
        label: 'news',
        status: 'published',
        sectionId: news?.id as number,
        authorIds: [author],
        publishedAt: new Date(at),
      });
    }
  }, 120_000);
  afterAll(() => site?.close());

  it('writes relative and absolute times in German on the fronts', async () => {
    const { document } = await getPage(site, '/news');
    const times = [...document.querySelectorAll('main time')].map((t) => textOf(t));
    expect(times.some((t) => /^vor \d+ (Tag|Tagen|Stunden?)$/.test(t))).toBe(true);
    expect(times.some((t) => / ago$/.test(t))).toBe(false);
  });

  it('starts a searched day at its first instant when daylight saving skips midnight', async () => {
    const day = await getPage(site, '/search?q=Leuchtturm&from=2026-09-06&to=2026-09-06');
    const text = textOf(day.document.querySelector('main'));
    expect(text).toContain('wieder geöffnet');
    expect(text).not.toContain('wird saniert');
    const before = await getPage(site, '/search?q=Leuchtturm&from=2026-09-05&to=2026-09-05');
    expect(textOf(before.document.querySelector('main'))).toContain('wird saniert');
  });
});
