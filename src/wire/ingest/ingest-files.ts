import path from 'node:path';
import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import { decodeText } from '../formats/decode-text.js';
import { parseWireFile } from '../formats/index.js';
import { failed } from '../formats/parse-outcome.js';
import { type PictureDeskOptions, runPictureFetches } from '../picture-desk.js';
import { DEFAULT_RULES, type WireSourceRules } from '../wire-source-rules.js';
import { type Applied, type ApplyContext, applyItem, type IngestSource, type ItemEntry } from './apply-item.js';
import { flushBatch, openBatch } from './ingest-batch.js';
import { type IngestReport, type ItemResult, reportOf } from './ingest-report.js';
import { sectionIndex } from './section-index.js';
import { isTransient, messageOf, retryingTransient } from './transient-errors.js';

export interface IngestOptions {
  /** The source's placement and publishing rules (defaults: auto-publish, sections by subject name). */
  rules?: WireSourceRules;
  /** Publish what is ingested whatever the hold rules say. */
  publish?: boolean;
  /** Place every story in this section (its slug). */
  sectionSlug?: string | undefined;
  now?: () => Date;
  /** Fetch pictures right after their stories commit; without it they wait in the queue for the server. */
  pictures?: PictureDeskOptions;
  /** Items per transaction: each item is whole or absent, the batch only saves commits. */
  batchSize?: number;
  /**
   * Commit a batch early once its items took this long, and let other work run before the rest. On
   * SQLite a transaction holds the event loop from its first item to its commit; the server's push
   * sets this so one large push never stalls the requests beside it for long.
   */
  sliceMs?: number;
  /** Told of pictures and failures as they happen. */
  log?: (line: string) => void;
  /** Refuse the whole arrival (TOO_LARGE, nothing stored) when its files hold more items than this. */
  maxItems?: number;
}

export interface WireFile {
  bytes: Uint8Array;
  source: IngestSource;
  /** Set when the file could not even be opened (a broken zip): it goes to the quarantine with this reason. */
  failure?: string;
  /** Its items, when already parsed (to count them against maxItems). */
  outcomes?: ReturnType<typeof parseWireFile>;
}

/**
 * Reads agency files and applies every item: new stories, updates, kills,
 * holds, embargoes; bad input goes to the quarantine with its bytes and the
 * reason. Never throws for bad input; returns one result per item.
 * @example
 * const report = await ingestFile(store, bytes, { kind: 'http', name: 'push from PWS' }, { rules });
 * report.counts.new // 1
 */
export async function ingestFile(store: Store, bytes: Uint8Array, source: IngestSource, options: IngestOptions = {}): Promise<IngestReport> {
  return ingestFiles(store, [{ bytes, source }], options);
}

/** Many files, with items from several files sharing a transaction. `onFile` is called after each file is read. */
export async function ingestFiles(
  store: Store,
  files: Iterable<WireFile> | AsyncIterable<WireFile>,
  options: IngestOptions = {},
  onFile?: (done: number) => void,
): Promise<IngestReport> {
  const batchSize = options.batchSize ?? 100;
  const clock = options.now ?? (() => new Date());
  const results: ItemResult[] = [];
  let pending: ItemEntry[] = [];
  let done = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    results.push(...(await applyBatch(store, batch, options, clock)));
    await yieldToOthers();
  };
  const arrivals = options.maxItems === undefined ? files : await counted(files, options.maxItems);
  for await (const file of arrivals) {
    const { entries, failures } = await readFile(store, file, clock(), options.log);
    results.push(...failures);
    pending.push(...entries);
    if (pending.length >= batchSize) await flush();
    onFile?.(++done);
  }
  await flush();
  return reportOf(results);
}

/** Lets other requests run between batches: one large arrival must not hold the event loop for long. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How long the event loop has been held, in ms: the time since it last had a turn. A transaction on
 * SQLite never gives it one (every query answers at once), so this grows with the work; on PostgreSQL
 * every query waits for the server, the loop turns then, and this stays near zero. At most one
 * immediate is armed at a time, re-armed only when asked after it ran: no busy loop while waiting.
 */
function loopHold(): { ms(): number; stop(): void } {
  let since = performance.now();
  let turned = false;
  let armed = setImmediate(() => {
    turned = true;
  });
  return {
    ms() {
      if (turned) {
        turned = false;
        since = performance.now();
        armed = setImmediate(() => {
          turned = true;
        });
      }
      return performance.now() - since;
    },
    stop: () => clearImmediate(armed),
  };
}

/**
 * Parses every file first (parsing stores nothing) and refuses the lot when
 * they hold more than `maxItems` items, so an over-large push is refused
 * whole instead of half-stored.
 */
async function counted(files: Iterable<WireFile> | AsyncIterable<WireFile>, maxItems: number): Promise<WireFile[]> {
  const all: WireFile[] = [];
  let items = 0;
  for await (const arrival of files) {
    for (const file of itemsOfArray(arrival, maxItems)) {
      const outcomes = outcomesOf(file);
      items += outcomes.length;
      if (items > maxItems) {
        throw new DatelineError('TOO_LARGE', `The request holds more than ${maxItems} items, the most one push may carry; nothing was stored.`, {
          hint: 'Send the items in several requests, or ask the administrator to raise WIRE_PUSH_MAX_ITEMS.',
        });
      }
      all.push({ ...file, outcomes });
      await yieldToOthers();
    }
  }
  return all;
}

/**
 * A JSON array of items becomes one file per item, so each is parsed (and
 * its HTML sanitised) on its own turn of the event loop rather than all in
 * one long stretch; anything else stays as it is.
 */
function itemsOfArray(file: WireFile, maxItems: number): WireFile[] {
  if (file.failure || file.bytes[0] !== 0x5b /* [ */) return [file];
  let array: unknown;
  try {
    array = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch {
    return [file];
  }
  if (!Array.isArray(array) || array.length < 2) return [file];
  if (array.length > maxItems) return [file]; // counted (and refused) whole, without splitting
  const encoder = new TextEncoder();
  return array.map((item) => ({ bytes: encoder.encode(JSON.stringify(item)), source: file.source }));
}

function outcomesOf(file: WireFile): ReturnType<typeof parseWireFile> {
  if (file.outcomes) return file.outcomes;
  return file.failure ? [failed(file.failure, null)] : parseWireFile(file.bytes, { name: path.basename(file.source.name) });
}

/** Parses one file; unreadable items go to the quarantine at once with the file's bytes. */
async function readFile(store: Store, file: WireFile, now: Date, log?: (line: string) => void): Promise<{ entries: ItemEntry[]; failures: ItemResult[] }> {
  const { bytes, source } = file;
  const outcomes = outcomesOf(file);
  const entries: ItemEntry[] = [];
  const failures: ItemResult[] = [];
  const raws = rawItems(bytes, outcomes.length);
  const ownBytes = raws.length === outcomes.length && outcomes.length > 1 && !sharesFile(raws);
  const bad: Array<{ outcome: Extract<ReturnType<typeof parseWireFile>[number], { ok: false }>; raw: Uint8Array }> = [];
  const encoder = new TextEncoder();
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.ok === true) {
      entries.push({ item: outcome.item, raw: raws[i] ?? '', source });
    } else if (outcome.ok === 'skipped') {
      failures.push({ outcome: 'skipped', file: source.name, reason: outcome.reason, ...(outcome.uri && { uri: outcome.uri }) });
    } else {
      // The item's own bytes when the file splits into items (a JSON array); else the file's.
      bad.push({ outcome, raw: ownBytes ? encoder.encode(raws[i] ?? '') : bytes });
    }
  }
  const quarantine = (entry: NewQuarantineOf) =>
    retryingTransient(() => store.wire.quarantine({ source: source.kind, fileName: source.name, ...entry }, now), log);
  if (!ownBytes && bad.length > 1) {
    // Items that share the file's bytes (an XML message) keep the file once, with every item's reason.
    const uris = [...new Set(bad.map((b) => b.outcome.uri ?? null))];
    const reason = bad.map((b) => `${b.outcome.uri ?? 'an item without an id'}: ${b.outcome.reason}`).join('; ');
    const quarantineId = await quarantine({ uri: uris.length === 1 ? uris[0] : null, reason, pointer: bad[0]?.outcome.pointer ?? null, raw: bytes });
    for (const { outcome } of bad) failures.push(quarantined(source.name, outcome, quarantineId));
  } else {
    for (const { outcome, raw } of bad) {
      const quarantineId = await quarantine({ uri: outcome.uri ?? null, reason: outcome.reason, pointer: outcome.pointer, raw });
      failures.push(quarantined(source.name, outcome, quarantineId));
    }
  }
  return { entries, failures };
}

type NewQuarantineOf = { uri: string | null | undefined; reason: string; pointer: string | null; raw: Uint8Array };

function quarantined(file: string, outcome: { reason: string; pointer: string | null; uri?: string | undefined }, quarantineId: number): ItemResult {
  return { outcome: 'quarantined', file, reason: outcome.reason, pointer: outcome.pointer, quarantineId, ...(outcome.uri && { uri: outcome.uri }) };
}

/** True when every item's text is the whole file (a multi-item XML message): one copy of it is kept, not one per item. */
function sharesFile(raws: string[]): boolean {
  return raws.length > 1 && raws.every((r) => r === raws[0]);
}

/** Each item's own text: the whole file for one item, the array element for a JSON array, else the whole file. */
function rawItems(bytes: Uint8Array, count: number): string[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [];
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (count <= 1) return [text];
  if (text.trimStart().startsWith('[')) {
    try {
      const array = JSON.parse(text) as unknown[];
      if (Array.isArray(array) && array.length === count) return array.map((entry) => JSON.stringify(entry));
    } catch {
      // Fall through: keep the whole file with every item.
    }
  }
  return new Array<string>(count).fill(text);
}

/**
 * Writes a batch in one transaction. If any item fails, the batch is rolled
 * back and every item is written alone, so one bad item costs only itself
 * (it goes to the quarantine with the error) and never half-writes a story.
 */
async function applyBatch(store: Store, batch: ItemEntry[], options: IngestOptions, clock: () => Date): Promise<ItemResult[]> {
  const rules = options.rules ?? DEFAULT_RULES;
  const ctx: ApplyContext = {
    store,
    rules,
    sections: sectionIndex(await store.sections.all()),
    now: clock(),
    publish: options.publish ?? false,
    sectionSlug: options.sectionSlug,
  };
  // Applies the entries in order and commits; with a time slice it may stop after any item (at least one).
  const run = (entries: ItemEntry[]) =>
    retryingTransient(
      () =>
        store.transaction(async (trx) => {
          const held = loopHold();
          try {
            const batch = await openBatch(trx, store, entries, rules);
            const applied: Applied[] = [];
            for (const entry of entries) {
              applied.push(await applyItem(trx, ctx, entry, batch));
              if (options.sliceMs !== undefined && held.ms() >= options.sliceMs) break;
            }
            await flushBatch(trx, store, batch);
            return applied;
          } finally {
            held.stop();
          }
        }),
      options.log,
    );
  const applied: Applied[] = [];
  const results: ItemResult[] = [];
  // What committed before the database went away is told to caches and subscribers all the same.
  const giveUp = (error: unknown): never => {
    store.articleWriter.announce(applied.flatMap((a) => a.events));
    throw error;
  };
  let rest = batch;
  while (rest.length > 0) {
    if (rest !== batch) await yieldToOthers();
    try {
      const done = await run(rest);
      applied.push(...done);
      rest = rest.slice(done.length);
    } catch (batchError) {
      // A database that stays unreachable is not bad content: the arrival fails and is tried again later.
      if (isTransient(batchError)) giveUp(batchError);
      options.log?.(`wire batch of ${rest.length} items failed (${messageOf(batchError)}); storing them one by one`);
      for (const entry of rest) {
        try {
          applied.push(...(await run([entry])));
        } catch (error) {
          if (isTransient(error)) giveUp(error);
          results.push(await storeFailure(store, entry, error, ctx.now, options));
        }
      }
      rest = [];
    }
  }
  const events: ArticleEvent[] = applied.flatMap((a) => a.events);
  store.articleWriter.announce(events);
  results.push(...applied.map((a) => a.result));
  const fetchIds = applied.flatMap((a) => a.pictureFetchIds);
  if (options.pictures && fetchIds.length > 0) {
    await runPictureFetches(store, await store.wire.pictureFetches(fetchIds), { log: options.log, now: clock, ...options.pictures });
  }
  return results;
}

async function storeFailure(store: Store, entry: ItemEntry, error: unknown, now: Date, options: IngestOptions): Promise<ItemResult> {
  const reason = `the item could not be stored: ${messageOf(error)}`;
  options.log?.(`${entry.source.name} ${entry.item.uri}: ${reason}`);
  const quarantineId = await store.wire.quarantine(
    { source: entry.source.kind, fileName: entry.source.name, uri: entry.item.uri, reason, pointer: null, raw: new TextEncoder().encode(entry.raw) },
    now,
  );
  return { outcome: 'quarantined', file: entry.source.name, uri: entry.item.uri, version: entry.item.version, reason, pointer: null, quarantineId };
}
