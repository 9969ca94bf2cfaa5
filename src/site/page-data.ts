import type { Teaser } from '../domain/article.js';
import { type FilledFront, FRONT_CANDIDATES, FRONT_SLOTS, type FrontId, fillFront, frontKey } from '../domain/front-layout.js';
import { childSections, menuSections, sectionPath } from '../domain/section.js';
import type { Store } from '../store/index.js';
import type { HomePageData } from './pages/home-page.js';

const SPONSORED_ITEMS = 3;

/** Paid stories for the sponsored box, newest first. */
export async function sponsoredTeasers(store: Store, now: Date): Promise<Teaser[]> {
  return (await store.articles.list({ scope: { kind: 'sponsored' }, limit: SPONSORED_ITEMS, now })).items;
}

const LATEST_ITEMS = 6;

/**
 * A curated front: the desk's pins that hold now (one indexed query) over
 * the front's newest stories; the rules are src/domain/front-layout.ts.
 */
export async function curatedFront(store: Store, front: FrontId, newest: readonly Teaser[], now: Date): Promise<FilledFront<Teaser>> {
  const pins = await store.fronts.readerPins(frontKey(front), now);
  return fillFront({ pins, newest, now });
}

/** The front page: the lead and top stories, the latest list, then a block per top-level section. */
export async function homePageData(store: Store, now: Date): Promise<HomePageData> {
  const sections = await store.sections.all();
  const byId = await store.sections.byId();
  const tops = menuSections(sections);
  const [newest, pins, sponsored, ...blockLists] = await Promise.all([
    store.articles.list({ scope: { kind: 'all' }, limit: FRONT_CANDIDATES, now }),
    store.fronts.readerPins(frontKey({ kind: 'home' }), now),
    sponsoredTeasers(store, now),
    ...tops.map((section) => store.articles.list({ scope: { kind: 'section', section }, limit: 8 + FRONT_SLOTS.length, now })),
  ]);
  const front = fillFront({ pins, newest: newest.items, now });
  const latest = front.river.slice(0, LATEST_ITEMS);
  const shown = new Set([...front.slots.map((s) => s.story.id), ...latest.map((t) => t.id)]);
  const blocks = tops.flatMap((section, index) => {
    const teasers = (blockLists[index]?.items ?? []).filter((t) => !shown.has(t.id)).slice(0, 4);
    return teasers.length > 0 ? [{ section, path: sectionPath(section, byId), teasers }] : [];
  });
  return { slots: front.slots, latest, blocks, sponsored };
}

export { childSections };

/** Related stories a story page shows, at most. */
const RELATED_ON_PAGE = 5;

/**
 * The story page's related stories (stored by the related jobs; those More
 * in SECTION shows are left out) and its Topics: two indexed reads.
 */
export async function storyTopicsAndRelated(store: Store, articleId: number, moreInSection: readonly Teaser[], now: Date) {
  const [related, topics] = await Promise.all([
    store.related.forPage(articleId, now, new Set(moreInSection.map((t) => t.id)), RELATED_ON_PAGE),
    store.entities.confirmedForArticle(articleId),
  ]);
  return { related, topics };
}
