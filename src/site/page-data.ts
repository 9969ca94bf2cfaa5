import type { Teaser } from '../domain/article.js';
import { childSections, menuSections, sectionPath } from '../domain/section.js';
import type { Store } from '../store/index.js';
import type { HomePageData } from './pages/home-page.js';

const SPONSORED_ITEMS = 3;

/** Paid stories for the sponsored box, newest first. */
export async function sponsoredTeasers(store: Store, now: Date): Promise<Teaser[]> {
  return (await store.articles.list({ scope: { kind: 'sponsored' }, limit: SPONSORED_ITEMS, now })).items;
}

/** The front page: one list for the lead and latest stories, then a block per top-level section. */
export async function homePageData(store: Store, now: Date): Promise<HomePageData> {
  const sections = await store.sections.all();
  const byId = await store.sections.byId();
  const tops = menuSections(sections);
  const [newest, sponsored, ...blockLists] = await Promise.all([
    store.articles.list({ scope: { kind: 'all' }, limit: 7, now }),
    sponsoredTeasers(store, now),
    ...tops.map((section) => store.articles.list({ scope: { kind: 'section', section }, limit: 8, now })),
  ]);
  const [lead, ...latest] = newest.items;
  const shown = new Set(newest.items.map((t) => t.id));
  const blocks = tops.flatMap((section, index) => {
    const teasers = (blockLists[index]?.items ?? []).filter((t) => !shown.has(t.id)).slice(0, 4);
    return teasers.length > 0 ? [{ section, path: sectionPath(section, byId), teasers }] : [];
  });
  return { lead, latest, blocks, sponsored };
}

export { childSections };
