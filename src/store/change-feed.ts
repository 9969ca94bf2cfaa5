import { randomUUID } from 'node:crypto';
import type { ArticleEvent } from '../domain/article-event.js';
import type { Db } from './database.js';

export const CHANGE_CHANNEL = 'dateline_changes';

/** `catalog`: authors, sponsors or pictures changed; pages that show them are stale. */
export type Change = { kind: 'article'; event: ArticleEvent } | { kind: 'sections' } | { kind: 'catalog' };
type Listener = (change: Change) => void;

/**
 * Tells this process, and on PostgreSQL every node, that content changed,
 * so caches drop what they hold. Writers call `announce` after commit;
 * other nodes hear it through LISTEN/NOTIFY (sent inside the transaction,
 * so it goes out only if the change commits).
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  /**
   * Marks this process's notices: a node hears its own NOTIFY too, and it
   * has already announced the change locally, so it skips those.
   */
  private readonly origin = randomUUID();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly db: Db) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }

  /** The NOTIFY payload for a change this process makes (it announces it locally itself). */
  payload(change: Change): string {
    return JSON.stringify({ ...change, origin: this.origin });
  }

  /** Starts hearing other nodes' changes (PostgreSQL); a no-op on SQLite, where there is one node. */
  async listenToOtherNodes(): Promise<void> {
    if (!this.db.listen || this.stopListening) return;
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, (payload) => {
      try {
        const message = JSON.parse(payload);
        if (message?.origin === this.origin) return;
        this.announce(reviveChange(message));
      } catch {
        this.announce({ kind: 'sections' });
      }
    });
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
  }
}

function reviveChange(value: any): Change {
  if (value?.kind === 'article') return { kind: 'article', event: { ...value.event, at: new Date(value.event.at) } };
  if (value?.kind === 'catalog') return { kind: 'catalog' };
  return { kind: 'sections' };
}
