// Upgrading to the job queue loses no work: webhook deliveries still to send and wire pictures still to
// fetch, which older versions kept in their own tables and loops, become jobs in migration 0012.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../src/jobs/index.js';
import { createStore, migrate, openDatabase, type Store } from '../../src/store/index.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`migration 0012 on a database with work in flight (${dialect})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-jobs-upgrade-'));
      const pg = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
      store = createStore(await openDatabase({ databaseUrl: pg?.url, dataDir }));
      cleanup = async () => {
        await store.db.close();
        await pg?.drop();
        await rm(dataDir, { recursive: true, force: true });
      };
    });
    afterAll(() => cleanup?.());

    it('turns pending deliveries and picture fetches into waiting jobs, and leaves finished ones alone', async () => {
      const migrator = new Migrator({ db: store.db.kysely, provider: { getMigrations: async () => migrationsFor(dialect) } });
      const before = await migrator.migrateTo('0011-outbox');
      expect(before.error).toBeUndefined();
      const k = store.db.kysely as any;
      const at = Date.parse('2026-11-30T10:00:00Z');
      const section = await k.insertInto('sections').values({ slug: 'news', name: 'News', description: '', parent_id: null, position: 0, in_menu: 1 }).returning('id').executeTakeFirstOrThrow();
      const article = await k
        .insertInto('articles')
        .values({ slug: 'a', path: '/news/a', section_id: section.id, root_section_id: section.id, headline: 'A', label: 'news', status: 'published', created_at: at, modified_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const event = await k.insertInto('article_events').values({ article_id: article.id, kind: 'published', at }).returning('id').executeTakeFirstOrThrow();
      const subscriber = await k
        .insertInto('webhook_subscribers')
        .values({ url: 'https://hooks.example.test', secret: 'whsec_0123456789abcdef', events: ',published,', status: 'active', start_after_event_id: 0, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const delivery = (status: string, nextAttemptAt: number | null) => ({
        subscriber_id: subscriber.id,
        event_id: event.id,
        event: 'published',
        article_id: article.id,
        occurred_at: at,
        article_json: '{}',
        status,
        attempts: 2,
        next_attempt_at: nextAttemptAt,
        created_at: at,
      });
      const pending = await k.insertInto('webhook_deliveries').values(delivery('pending', at + 600_000)).returning('id').executeTakeFirstOrThrow();
      const other = await k.insertInto('webhook_subscribers').values({ url: 'https://b.example.test', secret: 'whsec_0123456789abcdef', events: ',published,', status: 'active', start_after_event_id: 0, created_at: at }).returning('id').executeTakeFirstOrThrow();
      await k.insertInto('webhook_deliveries').values({ ...delivery('delivered', null), subscriber_id: other.id }).execute();
      const item = await k.insertInto('wire_items').values({ uri: 'urn:x', article_id: article.id, type: 'text', version: '1', pub_status: 'usable', state: 'live', source: 'file:x.json', first_seen_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const fetch = (done: number | null) => ({ wire_item_id: item.id, article_id: article.id, url: 'https://pics.example.test/a.jpg', picture_json: '{}', attempts: 1, next_attempt_at: at + 60_000, done_at: done, created_at: at });
      const waitingFetch = await k.insertInto('wire_picture_fetches').values(fetch(null)).returning('id').executeTakeFirstOrThrow();
      await k.insertInto('wire_picture_fetches').values(fetch(at)).execute();

      await migrate(store.db);
      const jobs = await store.jobs.list({ limit: 10 });
      expect(jobs.map((j) => ({ kind: j.kind, key: j.key, payload: j.payload, state: j.state, runAt: j.runAt.getTime() })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { kind: JOB_KINDS.webhookDeliver, key: String(pending.id), payload: { deliveryId: pending.id, subscriberId: subscriber.id }, state: 'waiting', runAt: at + 600_000 },
        { kind: JOB_KINDS.wirePicture, key: String(waitingFetch.id), payload: { fetchId: waitingFetch.id }, state: 'waiting', runAt: at + 60_000 },
      ]);
    });
  });
}
