import type { Teaser } from '../domain/article.js';
import { SITE_KEY } from '../domain/cache-keys.js';
import type { ChangeFeed } from './change-feed.js';

/**
 * Hydrated teasers (a story as the fronts show it: headline, summary and
 * excerpt, section, bylines, picture, sponsor) kept between renders of the
 * fronts, so an uncached front reads only which stories it lists and
 * hydrates only those it has not seen since they last changed.
 *
 * Dropped by the change path, the same notices that purge the page cache:
 * `a{id}` drops that story's teaser (an edit, a kill; an author, picture or
 * sponsor change names every story that shows it), `site` drops them all
 * (sections, settings, a catalogue change too wide to name). A node hears
 * another process's change only once it reads the outbox, so readers call
 * `store.changes.catchUp()` before using kept teasers.
 *
 * Only what no clock changes is kept: relative times are worked out at
 * each render, and which stories a front lists is read every time.
 */
export class KeptTeasers {
  private readonly byId = new Map<number, { teaser: Teaser; at: number }>();
  /** Counts drops: teasers read before a drop may show what it dropped, so they are not kept. */
  private generation = 0;

  constructor(
    changes: ChangeFeed,
    private readonly maxEntries = 5000,
    /** A safety net, as for the sections: a write that went around the change path shows after this long. */
    private readonly maxAgeMs = 30_000,
  ) {
    changes.subscribe((change) => {
      if (change.kind === 'purge') this.drop(change.purge.keys);
    });
  }

  /** The generation to hand back to `keep` with teasers read from now on. */
  get epoch(): number {
    return this.generation;
  }

  get(id: number, now = Date.now()): Teaser | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (now - entry.at >= this.maxAgeMs) {
      this.byId.delete(id);
      return undefined;
    }
    return entry.teaser;
  }

  /** Keeps teasers read since `epoch`, unless a change was heard meanwhile (they may predate it). */
  keep(teasers: readonly Teaser[], epoch: number, now = Date.now()): void {
    if (epoch !== this.generation) return;
    for (const teaser of teasers) {
      this.byId.delete(teaser.id);
      this.byId.set(teaser.id, { teaser, at: now });
    }
    // Map order is insertion order: the oldest kept go first. A front shows a few dozen stories.
    while (this.byId.size > this.maxEntries) this.byId.delete(this.byId.keys().next().value as number);
  }

  drop(keys: readonly string[]): void {
    this.generation++;
    if (keys.includes(SITE_KEY)) {
      this.byId.clear();
      return;
    }
    for (const key of keys) {
      // Story keys only (`a12`); `ap12`, `au3`, `s4` … name pages, not what a teaser holds.
      if (key.charCodeAt(0) !== 97 /* a */) continue;
      const id = Number(key.slice(1));
      if (Number.isInteger(id)) this.byId.delete(id);
    }
  }

  get size(): number {
    return this.byId.size;
  }
}
