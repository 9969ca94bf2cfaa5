import { WriteBatch } from '../../store/article-writer.js';
import type { Store, Tx, WireItemRow } from '../../store/index.js';
import type { WireVersionRow } from '../../store/wire-repo.js';
import type { WireSourceRules } from '../wire-source-rules.js';
import type { ItemEntry } from './apply-item.js';

/**
 * What one batch transaction knows and keeps back. Its items and their
 * stored versions are read in two queries at the start instead of two per
 * item; version rows, bylines and tag links are written in a few multi-row
 * statements at the end, still inside the transaction, so each item stays
 * whole or absent. Made anew for every transaction: after a rollback (the
 * batch is redone item by item) nothing in it holds.
 */
export interface IngestBatch {
  /** Wire items of this batch's URIs as the transaction sees them, kept current as items are written. */
  items: Map<string, WireItemRow>;
  /** Stored and kept-back versions, by wire item id. */
  versions: Map<number, Set<string>>;
  /** Version rows to insert before commit. */
  pendingVersions: Array<Omit<WireVersionRow, 'id'>>;
  /** The story writer's share: tag ids, bylines, tag links and notices. */
  writes: WriteBatch;
  /** Author ids of the bylines this transaction already credited, by their names. */
  authors: Map<string, number[]>;
}

export async function openBatch(trx: Tx, store: Store, entries: readonly ItemEntry[], rules: WireSourceRules): Promise<IngestBatch> {
  const items = await store.wire.itemsByUri(trx, entries.map((e) => e.item.uri));
  const versions = items.size > 0 ? await store.wire.versionsOf(trx, [...items.values()].map((row) => row.id)) : new Map<number, Set<string>>();
  const writes = new WriteBatch();
  if (rules.tagsFromSubjects) {
    // Read (never made) here: a tag is made only by a story that carries it.
    const names = entries.flatMap((e) => (e.item.type === 'text' ? e.item.subjects.map((s) => s.name ?? '') : []));
    await store.articleWriter.prepareTags(trx, names, writes, { create: false });
  }
  return { items, versions, pendingVersions: [], writes, authors: new Map() };
}

/** Writes what the batch kept back; call last in the transaction. */
export async function flushBatch(trx: Tx, store: Store, batch: IngestBatch): Promise<void> {
  const rows = batch.pendingVersions;
  batch.pendingVersions = [];
  await store.wire.insertVersions(trx, rows);
  await store.articleWriter.flushBatch(trx, batch.writes);
}
