import { describe, expect, it } from 'vitest';
import { PageCache, type RenderedPage } from './page-cache.js';

const keep = (page: RenderedPage) => page.status === 200;

/** A render the test finishes by hand, counting how often it was started. */
function gatedRender(body: string) {
  let started = 0;
  let finish: () => void = () => {};
  const render = () => {
    started++;
    return new Promise<RenderedPage>((resolve) => {
      finish = () => resolve({ status: 200, body, keys: ['a7'] });
    });
  };
  return { render, finish: () => finish(), started: () => started };
}

describe('PageCache.getOrRender', () => {
  it('renders a page once for many readers who miss it at the same moment', async () => {
    const cache = new PageCache(60_000);
    const gate = gatedRender('front');
    const readers = Array.from({ length: 50 }, () => cache.getOrRender('/', gate.render, { keep }));
    gate.finish();
    const pages = await Promise.all(readers);
    expect(gate.started()).toBe(1);
    expect(new Set(pages.map((p) => p.body.toString()))).toEqual(new Set(['front']));
    expect(cache.get('/')?.body.toString()).toBe('front');
  });

  it('never keeps a render that a purge overtook, and readers after the purge get a new render', async () => {
    const cache = new PageCache(60_000);
    const before = gatedRender('story before the kill');
    const first = cache.getOrRender('/news/story', before.render, { keep });
    // The story is killed while its page is being rendered.
    cache.purgeKeys(['a7']);
    const after = gatedRender('gone');
    const second = cache.getOrRender('/news/story', after.render, { keep });
    before.finish();
    after.finish();
    expect((await first).body.toString()).toBe('story before the kill');
    expect((await second).body.toString()).toBe('gone');
    expect(after.started()).toBe(1);
    expect(cache.get('/news/story')?.body.toString()).toBe('gone');
  });

  it('keeps only what `keep` allows, and `fresh` renders past a cached copy', async () => {
    const cache = new PageCache(60_000);
    await cache.getOrRender('/missing', async () => ({ status: 404, body: 'not here', keys: [] }), { keep });
    expect(cache.get('/missing')).toBeUndefined();
    await cache.getOrRender('/', async () => ({ status: 200, body: 'old', keys: [] }), { keep });
    const fresh = await cache.getOrRender('/', async () => ({ status: 200, body: 'new', keys: [] }), { keep, fresh: true });
    expect(fresh.body.toString()).toBe('new');
    expect(cache.get('/')?.body.toString()).toBe('new');
  });
});
