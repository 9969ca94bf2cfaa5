import type { Teaser } from '../domain/article.js';
import { type FilledFront, FRONT_CANDIDATES, type FrontId, fillFront, frontKey, HOME_LATEST } from '../domain/front-layout.js';
import { childSections, menuSections, type Section, sectionPath } from '../domain/section.js';
import type { Store, TeaserReadOptions } from '../store/index.js';
import type { HomePageData } from './pages/home-page.js';

const SPONSORED_ITEMS = 3;

/** Paid stories for the sponsored box, newest first. */
export async function sponsoredTeasers(store: Store, now: Date, options: TeaserReadOptions = {}): Promise<Teaser[]> {
  return (await store.articles.newestOf([{ scope: { kind: 'sponsored' }, limit: SPONSORED_ITEMS, now }], options))[0] ?? [];
}

const BLOCK_ITEMS = 4;

/**
 * A curated front: the desk's pins that hold now (one indexed query) over
 * the front's newest stories; the rules are src/domain/front-layout.ts.
 */
export async function curatedFront(store: Store, front: FrontId, newest: readonly Teaser[], now: Date, options: TeaserReadOptions = {}): Promise<FilledFront<Teaser>> {
  const pins = await store.fronts.readerPins(frontKey(front), now, options);
  return fillFront({ pins, newest, now });
}

/**
 * The front page: the lead and top stories, the latest list, then a block per
 * top-level section. With `kept`, the stories' teasers come from those kept
 * between renders (which stories it lists is read every time).
 */
export async function homePageData(store: Store, now: Date, options: TeaserReadOptions = {}): Promise<HomePageData> {
  const sections = await store.sections.all();
  const byId = await store.sections.byId();
  const tops = menuSections(sections);
  const [[newest = [], sponsored = []], pins] = await Promise.all([
    store.articles.newestOf(
      [
        { scope: { kind: 'all' }, limit: FRONT_CANDIDATES.home, now },
        { scope: { kind: 'sponsored' }, limit: SPONSORED_ITEMS, now },
      ],
      options,
    ),
    store.fronts.readerPins(frontKey({ kind: 'home' }), now, options),
  ]);
  const front = fillFront({ pins, newest, now });
  const latest = front.river.slice(0, HOME_LATEST);
  const shown = [...front.slots.map((s) => s.story), ...latest];
  const shownIds = new Set(shown.map((t) => t.id));
  // Each block reads only as many stories as it may have to skip (those of its section shown above) plus its own.
  const blockLists = await store.articles.newestOf(
    tops.map((section) => {
      const skipped = shown.filter((t) => t.section.id === section.id || t.section.parentId === section.id).length;
      return { scope: { kind: 'section', section }, limit: BLOCK_ITEMS + skipped, now };
    }),
    options,
  );
  const blocks = tops.flatMap((section, index) => {
    const teasers = (blockLists[index] ?? []).filter((t) => !shownIds.has(t.id)).slice(0, BLOCK_ITEMS);
    return teasers.length > 0 ? [{ section, path: sectionPath(section, byId), teasers }] : [];
  });
  return { slots: front.slots, latest, blocks, sponsored };
}

export { childSections };

/** Related stories a story page shows, at most. */
const RELATED_ON_PAGE = 5;
/** Stories in a story page's "More in SECTION", at most. */
const MORE_IN_SECTION = 5;

/**
 * A story page's lists and its Topics: More in SECTION, the sponsored box
 * and Related (stored by the related jobs; those More in SECTION shows are
 * left out), hydrated together, and the confirmed entities the story names.
 * With `kept`, the lists' teasers come from those kept between renders.
 */
export async function storyPageLists(store: Store, story: { id: number; section: Section }, now: Date, options: TeaserReadOptions = {}) {
  const [lists, topics] = await Promise.all([
    store.related.storyPageLists(story, now, { moreInSection: MORE_IN_SECTION, sponsored: SPONSORED_ITEMS, related: RELATED_ON_PAGE }, options),
    store.entities.confirmedForArticle(story.id),
  ]);
  return { ...lists, topics };
}
