import { type PurgeSet, SITEMAPS_KEY, storyPageKey, topicKey } from '../domain/cache-keys.js';
import { JOB_KINDS, type JobHandler, type JobRunner } from '../jobs/index.js';
import type { Mention, Store, Tx } from '../store/index.js';
import { agencyMentions } from './agency-entities.js';
import { computeRelated } from './compute-related.js';
import { entityExtractor } from './entity-extractor.js';
import type { FoundEntity } from './extract-entities.js';

/** The periodic job that turns story events into `related.story` jobs. */
export const RELATED_FOLLOW_JOB = 'related.follow';
/** Where `related.follow` has read the story events to (a meta row). */
export const RELATED_CURSOR_META = 'related.cursor';
/**
 * Events per transaction. On SQLite a pass holds the event loop from start to commit (each event is a job
 * enqueued, one statement each), so a large push's 500 stories are read 50 at a time with a turn between.
 */
const EVENTS_PER_PASS = 50;
/** Stories whose lists are ranked again when a neighbour changes, at most. */
const NEIGHBOURS = 30;

type Payload = { articleId: number };

function payloadOf(raw: unknown): Payload {
  const id = (raw as Payload | null)?.articleId;
  if (!Number.isInteger(id) || (id as number) <= 0) throw new Error(`the job's payload has no story id: ${JSON.stringify(raw)}`);
  return { articleId: id as number };
}

/**
 * Story events (published, updated, corrected, withdrawn) after the cursor
 * become one `related.story` job per story, in the transaction that moves
 * the cursor: none is lost or made twice. Returns how many events it read.
 */
export async function followStoryEvents(store: Store, trx: Tx, now: Date): Promise<number> {
  const cursor = Number((await store.meta.get(RELATED_CURSOR_META, trx)) ?? 0);
  const events = await store.related.storyEventsAfter(trx, cursor, EVENTS_PER_PASS);
  if (events.length === 0) return 0;
  for (const articleId of new Set(events.map((e) => e.articleId))) {
    await store.jobs.enqueue(trx, { kind: JOB_KINDS.relatedStory, payload: { articleId }, key: String(articleId), replace: true }, now);
  }
  await store.meta.set(RELATED_CURSOR_META, String(events[events.length - 1]!.id), trx);
  return events.length;
}

/**
 * One story: its entities saved (those its text names, found beforehand off
 * the transaction, and the agency's), its related list ranked, its
 * neighbours' lists queued to be ranked again, and the pages that show any
 * of it purged through the outbox, all in one transaction.
 */
export async function processStory(store: Store, trx: Tx, articleId: number, now: Date, named: FoundEntity[]): Promise<PurgeSet | null> {
  const subject = await store.related.subject(trx, articleId, now);
  if (!subject) return null;
  const found: Mention[] = [...(await agencyMentions(store, trx, articleId)), ...named.map((e) => ({ ...e, source: 'text' as const }))];
  const before = new Set((await store.entities.confirmedForArticle(articleId, trx)).map((e) => e.id));
  const change = await store.entities.saveMentions(trx, articleId, found, now);
  const after = new Set((await store.entities.confirmedForArticle(articleId, trx)).map((e) => e.id));
  const keys = new Set<string>();
  // The story's "Topics" line and JSON-LD changed.
  if (before.size !== after.size || [...after].some((id) => !before.has(id))) keys.add(storyPageKey(articleId));
  // Topic pages the story joined or left.
  for (const id of [...before, ...after]) if (!(before.has(id) && after.has(id))) keys.add(topicKey(id));
  // A newly confirmed entity: its page appears, every story naming it gains a Topics link and may rank differently.
  const neighbours = new Set<number>();
  if (change.confirmed.length > 0) {
    keys.add(SITEMAPS_KEY);
    for (const id of change.confirmed) keys.add(topicKey(id));
    for (const id of await store.entities.storiesOf(trx, change.confirmed, 200)) {
      keys.add(storyPageKey(id));
      neighbours.add(id);
    }
  }
  const previous = await store.related.storedIds(trx, articleId);
  const related = await computeRelated(store, trx, articleId, now);
  if (related.changed) keys.add(storyPageKey(articleId));
  // The stories it now sits beside, and those that listed it, may rank it differently now.
  for (const id of [...related.ids, ...previous, ...(await store.related.listersOf(trx, articleId))]) neighbours.add(id);
  neighbours.delete(articleId);
  for (const id of [...neighbours].slice(0, NEIGHBOURS)) {
    await store.jobs.enqueue(trx, { kind: JOB_KINDS.relatedRefresh, payload: { articleId: id }, key: String(id), replace: true }, now);
  }
  return keys.size > 0 ? { keys: [...keys], hard: false } : null;
}

/** Ranks one story's list again; its page is purged only if what readers see changed. */
export async function refreshStory(store: Store, trx: Tx, articleId: number, now: Date): Promise<PurgeSet | null> {
  const { changed } = await computeRelated(store, trx, articleId, now);
  return changed ? { keys: [storyPageKey(articleId)], hard: false } : null;
}

/**
 * Registers the related-stories jobs on this node's runner (src/jobs).
 * Returns what stops the extraction thread, for the server's shutdown.
 */
export function registerRelatedJobs(runner: JobRunner, store: Store, clock: () => Date = () => new Date()): { close: () => Promise<void> } {
  const extractor = entityExtractor();
  const withPurge =
    (work: (trx: Tx, articleId: number, now: Date, named: FoundEntity[]) => Promise<PurgeSet | null>, read?: (articleId: number, now: Date) => Promise<FoundEntity[]>): JobHandler['run'] =>
    async (payload, ctx) => {
      const { articleId } = payloadOf(payload);
      const now = clock();
      // Reading the text happens before the transaction, so no write waits on it.
      const named = read ? await read(articleId, now) : [];
      const entry = await ctx.complete(async (trx) => {
        const purge = await work(trx, articleId, now, named);
        return purge ? store.outbox.record(trx, purge, now) : null;
      });
      if (entry) store.changes.announceRecorded([entry]);
    };
  const namedIn = async (articleId: number, now: Date): Promise<FoundEntity[]> => {
    const subject = await store.related.readSubject(articleId, now);
    return subject ? extractor.extract({ headline: subject.headline, summary: subject.summary, bodyText: subject.bodyText, dateline: subject.dateline }) : [];
  };
  runner.register(RELATED_FOLLOW_JOB, {
    every: 1000,
    // A periodic job is put back by the runner, so it commits its own transaction rather than completing through ctx.
    run: async () => {
      while ((await store.transaction((trx) => followStoryEvents(store, trx, clock()))) === EVENTS_PER_PASS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  });
  // One at a time per node: two stories naming the same new person must not both make it.
  runner.register(JOB_KINDS.relatedStory, { concurrency: 1, run: withPurge((trx, id, now, named) => processStory(store, trx, id, now, named), namedIn) });
  runner.register(JOB_KINDS.relatedRefresh, { concurrency: 1, run: withPurge((trx, id, now) => refreshStory(store, trx, id, now)) });
  return { close: () => extractor.close() };
}
