import type { AdminSession } from '../test/support/admin-session.js';

export interface ReaderMix {
  /** Paths in the order every autocannon connection requests them, over and over. */
  paths: string[];
  distinct: number;
  describe: string;
  /** Stories on the home page, which the publisher updates. */
  updatable: Array<{ id: number; headline: string; path: string }>;
  /** Where new stories go, and its front (where they show first). */
  sectionId: number;
  frontPath: string;
}

interface ListedStory {
  id: number;
  headline: string;
  path: string;
}

/** A small seeded generator, so every run replays the same requests. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Zipf-like: the first items are asked for far more often than the last. */
function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.min(items.length - 1, Math.floor(items.length * next() ** 2.5))] as T;
}

/**
 * Reader traffic as a news site sees it, by share of requests: the home
 * page 25%, section fronts 20%, the stories on the home page 30% (a few of
 * them most), older stories 12%, feeds 8%, theme assets 5%.
 */
export async function readerMix(base: string, editor: AdminSession, size = 2000): Promise<ReaderMix> {
  const sections = ((await (await editor.call('GET', '/sections')).json()) as { items: Array<{ id: number; path: string; parentId: number | null }> }).items;
  const stories: ListedStory[] = [];
  let cursor: string | undefined;
  while (stories.length < 600) {
    const page = (await (await editor.call('GET', `/articles?status=published&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as {
      items: ListedStory[];
      nextCursor?: string | null;
    };
    stories.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const home = await (await fetch(`${base}/`)).text();
  const linked = new Set([...home.matchAll(/href="(\/[^"#?]+)"/g)].map((m) => m[1]));
  const popular = stories.filter((s) => linked.has(s.path));
  const older = stories.filter((s) => !linked.has(s.path)).slice(0, 400);
  const assets = [...new Set([...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string))];
  const tops = sections.filter((s) => s.parentId === null);
  const fronts = [...tops.map((s) => s.path), ...sections.filter((s) => s.parentId !== null).map((s) => s.path)];
  const feeds = ['/rss.xml', '/feed.json', '/atom.xml', ...tops.map((s) => `${s.path}/rss.xml`)];
  const next = random(20_261_203);
  const paths: string[] = [];
  for (let i = 0; i < size; i++) {
    const roll = next() * 100;
    if (roll < 25) paths.push('/');
    else if (roll < 45) paths.push(pick(fronts, next));
    else if (roll < 75 && popular.length > 0) paths.push(pick(popular, next).path);
    else if (roll < 87 && older.length > 0) paths.push(pick(older, next).path);
    else if (roll < 95) paths.push(pick(feeds, next));
    else if (assets.length > 0) paths.push(pick(assets, next));
    else paths.push('/');
  }
  const section = sections.find((s) => s.path.endsWith('/local')) ?? tops[0]!;
  return {
    paths,
    distinct: new Set(paths).size,
    describe: `home 25%, ${fronts.length} section fronts 20%, ${popular.length} home-page stories 30%, ${older.length} older stories 12%, ${feeds.length} feeds 8%, ${assets.length} theme assets 5%`,
    updatable: popular.slice(0, 8),
    sectionId: section.id,
    frontPath: section.path,
  };
}
