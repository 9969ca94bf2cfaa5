import { SITE_KEY } from '../domain/cache-keys.js';
import type { ChangeFeed } from './change-feed.js';

/**
 * A value every page reads (the sections, the settings, the footer's pages,
 * the newsletter lists), kept in this process between pages. Any node's
 * site-wide change (the `site` key in the outbox) drops it, so the next
 * page reads it anew; `maxAgeMs` is only a safety net for writes that
 * bypass the change path.
 */
export class KeptUntilSiteChange<T> {
  private kept: { at: number; value: T } | null = null;

  constructor(
    changes: ChangeFeed,
    private readonly maxAgeMs = 30_000,
  ) {
    changes.subscribe((change) => {
      if (change.kind === 'purge' && change.purge.keys.includes(SITE_KEY)) this.kept = null;
    });
  }

  /** The kept value while fresh, else what `load` reads (then kept). */
  async get(load: () => Promise<T>): Promise<T> {
    if (this.kept && Date.now() - this.kept.at < this.maxAgeMs) return this.kept.value;
    const value = await load();
    this.kept = { at: Date.now(), value };
    return value;
  }

  /** Forgets the value: after this process's own write, before its change is heard back. */
  drop(): void {
    this.kept = null;
  }
}
