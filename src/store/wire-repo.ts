import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { slugify } from '../domain/slug.js';
import type { Db } from './database.js';
import { insertedId } from './inserted-id.js';
import { writeMediaKeys } from './media-uses.js';
import type { Database } from './schema.js';
import { recordAgencyRevision, type StorySnapshot, storySnapshot } from './wire-revisions.js';
import type { WireItemTable, WirePictureFetchTable, WireQuarantineTable, WireState, WireVersionTable } from './wire-tables.js';

export type WireItemRow = Selectable<WireItemTable>;
export type WireVersionRow = Selectable<WireVersionTable>;
export type WireQuarantineRow = Selectable<WireQuarantineTable>;
export type WirePictureFetchRow = Selectable<WirePictureFetchTable>;
export type { WireState };

/** The article fields the wire desk decides with. */
export interface WireArticleState {
  id: number;
  path: string;
  status: string;
  publishedAt: number | null;
  leadMediaId: number | null;
}

export interface NewQuarantine {
  source: string;
  fileName: string;
  uri?: string | null;
  reason: string;
  pointer: string | null;
  raw: Uint8Array;
}

/** Executor: the database or a transaction the caller holds. */
type Exec = Kysely<Database>;

/** Keys per `in (…)` lookup, far below either database's parameter limit. */
const LOOKUPS_PER_QUERY = 500;
const VERSIONS_PER_INSERT = 100;

/**
 * The wire desk's records: items, their versions, the quarantine and the
 * picture retry queue. Methods that are part of ingesting one item take the
 * caller's transaction, so a story and its wire records commit together.
 */
export class WireRepo {
  constructor(private readonly db: Db) {}

  get kysely(): Exec {
    return this.db.kysely;
  }

  async itemByUri(trx: Exec, uri: string): Promise<WireItemRow | undefined> {
    return trx.selectFrom('wire_items').selectAll().where('uri', '=', uri).executeTakeFirst();
  }

  /** The stored items among these URIs, by URI: a batch reads its items in one query. */
  async itemsByUri(trx: Exec, uris: readonly string[]): Promise<Map<string, WireItemRow>> {
    const found = new Map<string, WireItemRow>();
    const unique = [...new Set(uris)];
    for (let i = 0; i < unique.length; i += LOOKUPS_PER_QUERY) {
      const rows = await trx.selectFrom('wire_items').selectAll().where('uri', 'in', unique.slice(i, i + LOOKUPS_PER_QUERY)).execute();
      for (const row of rows) found.set(row.uri, row);
    }
    return found;
  }

  /** The versions stored for these items, by item id. */
  async versionsOf(trx: Exec, wireItemIds: readonly number[]): Promise<Map<number, Set<string>>> {
    const found = new Map<number, Set<string>>();
    const unique = [...new Set(wireItemIds)];
    for (let i = 0; i < unique.length; i += LOOKUPS_PER_QUERY) {
      const rows = await trx
        .selectFrom('wire_versions')
        .select(['wire_item_id', 'version'])
        .where('wire_item_id', 'in', unique.slice(i, i + LOOKUPS_PER_QUERY))
        .execute();
      for (const row of rows) {
        let versions = found.get(row.wire_item_id);
        if (!versions) {
          versions = new Set();
          found.set(row.wire_item_id, versions);
        }
        versions.add(row.version);
      }
    }
    return found;
  }

  /** Many version rows in few statements; each row carries an item's raw text, so chunks stay small. */
  async insertVersions(trx: Exec, rows: ReadonlyArray<Omit<WireVersionRow, 'id'>>): Promise<void> {
    for (let i = 0; i < rows.length; i += VERSIONS_PER_INSERT) {
      await trx.insertInto('wire_versions').values(rows.slice(i, i + VERSIONS_PER_INSERT)).execute();
    }
  }

  async article(trx: Exec, id: number): Promise<WireArticleState | undefined> {
    const row = await trx
      .selectFrom('articles')
      .select(['id', 'path', 'status', 'published_at', 'lead_media_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { id: row.id, path: row.path, status: row.status, publishedAt: row.published_at, leadMediaId: row.lead_media_id };
  }

  /** The story's editable fields and revision, to compare after an agency update. */
  snapshot(trx: Exec, articleId: number): Promise<StorySnapshot & { revision: number; modifiedAt: number }> {
    return storySnapshot(trx, articleId);
  }

  /** The agency's update as the story's next revision (see wire-revisions.ts); null when it changed nothing. */
  agencyRevision(trx: Exec, articleId: number, before: StorySnapshot & { revision: number; modifiedAt: number }, by: string, at: Date): Promise<number | null> {
    return recordAgencyRevision(trx, articleId, before, by, at);
  }

  async hasPendingPicture(trx: Exec, articleId: number): Promise<boolean> {
    const row = await trx
      .selectFrom('wire_picture_fetches')
      .select('id')
      .where('article_id', '=', articleId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertItem(trx: Exec, row: Omit<WireItemRow, 'id'>): Promise<number> {
    return (await insertedId(this.db.dialect, trx.insertInto('wire_items').values(row))) as number;
  }

  async updateItem(trx: Exec, id: number, patch: Partial<Omit<WireItemRow, 'id' | 'uri' | 'first_seen_at'>>): Promise<void> {
    await trx.updateTable('wire_items').set(patch).where('id', '=', id).execute();
  }

  /** The newest stored version of the wire item behind a story, as the agency sent it (JSON), if the story came from the wire. */
  async newestVersionJson(trx: Exec, articleId: number): Promise<string | undefined> {
    const row = await trx
      .selectFrom('wire_items as wi')
      .innerJoin('wire_versions as wv', 'wv.wire_item_id', 'wi.id')
      .select('wv.item_json')
      .where('wi.article_id', '=', articleId)
      .orderBy('wv.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.item_json;
  }

  /** A held wire story went out from the newsroom: its item is live too, in the same transaction. */
  async releaseHeld(trx: Exec, articleId: number, now: Date): Promise<void> {
    await trx.updateTable('wire_items').set({ state: 'live', updated_at: now.getTime() }).where('article_id', '=', articleId).where('state', '=', 'held').execute();
  }

  /** Every version of one item, oldest arrival first. */
  async history(uri: string): Promise<{ item: WireItemRow; versions: WireVersionRow[] } | undefined> {
    const item = await this.itemByUri(this.db.kysely, uri);
    if (!item) return undefined;
    const versions = await this.db.kysely
      .selectFrom('wire_versions')
      .selectAll()
      .where('wire_item_id', '=', item.id)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    return { item, versions };
  }

  /** Items in a state (the wire queue is `held`), newest first, with their story's path and headline. */
  async byState(state: WireState, limit: number) {
    return this.db.kysely
      .selectFrom('wire_items as w')
      .leftJoin('articles as a', 'a.id', 'w.article_id')
      .select(['w.id', 'w.uri', 'w.version', 'w.source', 'w.updated_at', 'a.id as article_id', 'a.path', 'a.headline'])
      .where('w.state', '=', state)
      .orderBy('w.updated_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The authors a wire story is credited to, each found by its slug or made
   * the first time it is named, inside the caller's transaction. An author
   * the newsroom already has (a staff writer, an agency with its picture) is
   * reused as it is.
   */
  async creditedAuthors(trx: Exec, credits: ReadonlyArray<{ name: string; kind: 'person' | 'organization'; bio: string }>): Promise<number[]> {
    const ids: number[] = [];
    for (const credit of credits) {
      const slug = slugify(credit.name) || (credit.kind === 'organization' ? 'wire' : 'wire-writer');
      // By name first: the newsroom may have made the author under a slug of its own ("pacific-wire").
      const found =
        (await trx.selectFrom('authors').select('id').where(sql<string>`lower(name)`, '=', credit.name.toLowerCase()).orderBy('id').executeTakeFirst()) ??
        (await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst());
      if (found) {
        ids.push(found.id);
        continue;
      }
      const row = await trx
        .insertInto('authors')
        .values({ slug, name: credit.name, kind: credit.kind, bio: credit.bio, picture_id: null })
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .executeTakeFirst();
      // Another ingest made it between our read and our write.
      ids.push(row ? row.id : (await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    }
    return [...new Set(ids)];
  }

  /**
   * Keeps input that could not be read, with its reason; inside the caller's
   * transaction when it passes one. The same bytes from the same place for
   * the same reason, still open, are one entry: ingesting a folder twice
   * does not list a bad file twice. Items of one file that fail for their
   * own reasons (with or without a URI) each keep theirs. The lookup
   * compares hashes and never reads stored bytes.
   */
  async quarantine(input: NewQuarantine, now: Date, trx: Exec = this.db.kysely): Promise<number> {
    const hash = createHash('sha256').update(input.raw).digest('hex');
    let query = trx
      .selectFrom('wire_quarantine')
      .select('id')
      .where('file_name', '=', input.fileName)
      .where('raw_sha256', '=', hash)
      .where('source', '=', input.source)
      .where('resolved', '=', 0)
      .where('reason', '=', input.reason);
    query = input.uri ? query.where('uri', '=', input.uri) : query.where('uri', 'is', null);
    const same = await query.executeTakeFirst();
    if (same) return same.id;
    const row = await trx
      .insertInto('wire_quarantine')
      .values({
        received_at: now.getTime(),
        source: input.source,
        file_name: input.fileName,
        uri: input.uri ?? null,
        reason: input.reason,
        pointer: input.pointer,
        raw: input.raw,
        raw_sha256: hash,
        retried_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Open quarantine entries (not yet resolved by a retry), newest first; without their bytes. */
  async quarantineList(limit: number, includeResolved = false) {
    let query = this.db.kysely
      .selectFrom('wire_quarantine')
      .select(['id', 'received_at', 'source', 'file_name', 'uri', 'reason', 'pointer', 'retried_at', 'resolved'])
      .orderBy('id', 'desc')
      .limit(limit);
    if (!includeResolved) query = query.where('resolved', '=', 0);
    return query.execute();
  }

  async quarantined(id: number): Promise<WireQuarantineRow | undefined> {
    const row = await this.db.kysely.selectFrom('wire_quarantine').selectAll().where('id', '=', id).executeTakeFirst();
    // pg gives a Buffer, better-sqlite3 a Buffer too; normalise to a plain byte view.
    return row && { ...row, raw: new Uint8Array(row.raw) };
  }

  async quarantineRetried(id: number, outcome: { resolved: boolean; reason?: string; pointer?: string | null }, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('wire_quarantine')
      .set({
        retried_at: now.getTime(),
        resolved: outcome.resolved ? 1 : 0,
        ...(outcome.reason !== undefined && { reason: outcome.reason, pointer: outcome.pointer ?? null }),
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteQuarantine(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.kysely.deleteFrom('wire_quarantine').where('id', 'in', [...ids]).execute();
  }

  /** Queues a picture fetch inside the item's transaction, due now: a crash before the fetch loses nothing. */
  async queuePicture(
    trx: Exec,
    input: { wireItemId: number; articleId: number | null; url: string; baseDir: string | null; pictureJson: string },
    now: Date,
  ): Promise<number> {
    const row = await trx
      .insertInto('wire_picture_fetches')
      .values({
        wire_item_id: input.wireItemId,
        article_id: input.articleId,
        url: input.url,
        base_dir: input.baseDir,
        picture_json: input.pictureJson,
        attempts: 0,
        last_error: null,
        next_attempt_at: now.getTime(),
        done_at: null,
        created_at: now.getTime(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async pictureFetches(ids: readonly number[]): Promise<WirePictureFetchRow[]> {
    if (ids.length === 0) return [];
    return this.db.kysely.selectFrom('wire_picture_fetches').selectAll().where('id', 'in', [...ids]).orderBy('id').execute();
  }

  async duePictures(now: Date, limit: number): Promise<WirePictureFetchRow[]> {
    return this.db.kysely
      .selectFrom('wire_picture_fetches')
      .selectAll()
      .where('done_at', 'is', null)
      .where('next_attempt_at', '<=', now.getTime())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async pendingPictures(): Promise<WirePictureFetchRow[]> {
    return this.db.kysely.selectFrom('wire_picture_fetches').selectAll().where('done_at', 'is', null).orderBy('id').execute();
  }

  /**
   * Takes a due fetch for this node for `leaseMs`; false when another node
   * took it first (on PostgreSQL several nodes retry the same queue).
   */
  async claimPicture(row: { id: number; next_attempt_at: number }, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.db.kysely
      .updateTable('wire_picture_fetches')
      .set({ next_attempt_at: now.getTime() + leaseMs })
      .where('id', '=', row.id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records one more try: done (fetched, or given up) or due again at `nextAttemptAt`. */
  async pictureTried(id: number, outcome: { done: boolean; error: string | null; nextAttemptAt?: Date; mediaId?: number }, now: Date): Promise<void> {
    const current = await this.db.kysely.selectFrom('wire_picture_fetches').select('attempts').where('id', '=', id).executeTakeFirstOrThrow();
    await this.db.kysely
      .updateTable('wire_picture_fetches')
      .set({
        attempts: current.attempts + 1,
        last_error: outcome.error,
        done_at: outcome.done ? now.getTime() : null,
        ...(outcome.nextAttemptAt && { next_attempt_at: outcome.nextAttemptAt.getTime() }),
        ...(outcome.mediaId !== undefined && { media_id: outcome.mediaId }),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The fetch that made a story's lead picture, when the agency's picture is
   * still its lead: what an update compares its own lead picture with. None
   * when an editor chose another picture (or it predates 0031).
   */
  async leadPictureFetch(trx: Exec, articleId: number, mediaId: number): Promise<Pick<WirePictureFetchRow, 'id' | 'url'> | undefined> {
    return trx
      .selectFrom('wire_picture_fetches')
      .select(['id', 'url'])
      .where('article_id', '=', articleId)
      .where('media_id', '=', mediaId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** A stand-alone picture item's media row, once its file was fetched. */
  async setItemMedia(wireItemId: number, mediaId: number): Promise<void> {
    await this.db.kysely.updateTable('wire_items').set({ media_id: mediaId }).where('id', '=', wireItemId).execute();
  }

  /** Size and renditions of a media row made before its file was processed. */
  async finishMedia(id: number, made: { width: number; height: number; bytes: number; renditions: string }): Promise<void> {
    await this.db.kysely.updateTable('media').set(made).where('id', '=', id).execute();
    // Filed by key, so the public route serves them once a visible story shows the picture (0025).
    await writeMediaKeys(this.db.kysely, id, (JSON.parse(made.renditions) as Array<{ url: string }>).map((r) => r.url));
  }

  async deleteMedia(id: number): Promise<void> {
    await this.db.kysely.deleteFrom('media').where('id', '=', id).execute();
  }
}
