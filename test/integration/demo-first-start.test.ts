import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RENDITIONS_JOB } from '../../src/demo/demo-renditions-job.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { demoStory, demoStoryPath } from '../support/demo-facts.js';
import { probe, srcsetUrls } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

/**
 * A first `npm start` seeds with `renditions: 'background'`: each story's
 * picture is the committed file at first, and the demo.renditions jobs make
 * the other sizes and formats; the pages showing a picture offer them as
 * soon as they exist (through the change path, not after the page cache expires).
 */

const STORY = demoStory('harbor-hawks-clinch-playoff-berth');

async function leadFigure(site: TestSite) {
  const response = await fetch(`${site.url}${demoStoryPath(STORY)}`);
  expect(response.status).toBe(200);
  const { document } = parseHTML(await response.text());
  const figure = document.querySelector('article figure');
  expect(figure).not.toBeNull();
  return {
    img: figure?.querySelector('img'),
    sources: [...(figure?.querySelectorAll('source') ?? [])].map((s) => ({ type: s.getAttribute('type'), urls: srcsetUrls(s.getAttribute('srcset')) })),
  };
}

describe.each(DIALECTS)('the demo seeded for a first start on %s', (dialect) => {
  let site: TestSite;
  let seconds = 0;

  beforeAll(async () => {
    site = await startTestSite(dialect, { demo: false });
    const started = performance.now();
    await seedDemo(site.store, path.join(site.config.dataDir, 'media'), { renditions: 'background', renditionsDelayMs: 1000 });
    seconds = (performance.now() - started) / 1000;
  }, 120_000);

  afterAll(async () => {
    await site?.close();
  });

  it('serves each story with its committed picture at once, before any rendition is made', async () => {
    // Seeding encodes nothing: on a loaded 2-core machine it took about a second.
    expect(seconds).toBeLessThan(30);
    const { img, sources } = await leadFigure(site);
    expect(img?.getAttribute('alt')).toBe(STORY.photo.alt);
    expect(sources).toEqual([]);
    const src = img?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\/media\/[0-9a-f]+\.jpg$/);
    expect(await probe(site, src)).toEqual({ status: 200, contentType: 'image/jpeg' });
    expect(Number(img?.getAttribute('width'))).toBe(1280);
  });

  it('then makes every size and format in demo.renditions jobs, one per picture file, and the page offers them', async () => {
    const deadline = Date.now() + 240_000;
    let figure = await leadFigure(site);
    while (figure.sources.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      figure = await leadFigure(site);
    }
    expect(figure.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    const jpegs = srcsetUrls(figure.img?.getAttribute('srcset') ?? null);
    expect(jpegs.length).toBe(4);
    for (const url of [...jpegs, ...figure.sources.flatMap((s) => s.urls)]) expect((await probe(site, url)).status, url).toBe(200);

    const files = new Set((await site.store.db.kysely.selectFrom('media').select('original_key').execute()).map((row) => row.original_key));
    const jobs = await site.store.db.kysely.selectFrom('jobs').select(['state', 'dedupe_key']).where('kind', '=', DEMO_RENDITIONS_JOB).execute();
    expect(new Set(jobs.map((j) => j.dedupe_key))).toEqual(files);
  }, 300_000);
});
