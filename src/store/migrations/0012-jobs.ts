import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The durable job queue (src/jobs/, docs/decisions/0007-jobs-module.md).
 * Runners find due work through `jobs_due` and expired leases through
 * `jobs_lease`; `jobs_waiting_key` is what makes `key` de-duplicate (one
 * waiting job per kind and key), enforced by the database so two nodes
 * cannot both add one. Work that older versions kept in their own loops
 * (pending webhook deliveries, wire pictures still to fetch) becomes jobs
 * here, so an upgrade loses none of it.
 */
export function jobs(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', id, idColumn)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('waiting', 'running', 'done', 'failed', 'cancelled')`))
        .addColumn('dedupe_key', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer')
        .addColumn('run_at', time, (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', time)
        .addColumn('claim_token', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('started_at', time)
        .addColumn('finished_at', time)
        .execute();
      await db.schema
        .createIndex('jobs_due')
        .on('jobs')
        .columns(['kind', 'run_at', 'id'])
        .where(sql<boolean>`state = 'waiting'`)
        .execute();
      await db.schema
        .createIndex('jobs_waiting_key')
        .on('jobs')
        .columns(['kind', 'dedupe_key'])
        .unique()
        .where(sql<boolean>`state = 'waiting' and dedupe_key is not null`)
        .execute();
      await db.schema
        .createIndex('jobs_lease')
        .on('jobs')
        .column('locked_until')
        .where(sql<boolean>`state = 'running'`)
        .execute();
      await db.schema.createIndex('jobs_state_finished').on('jobs').columns(['state', 'finished_at']).execute();

      await sql`
        insert into jobs (kind, payload, state, dedupe_key, attempts, run_at, created_at)
        select 'webhook.deliver', '{"deliveryId":' || cast(id as text) || ',"subscriberId":' || cast(subscriber_id as text) || '}', 'waiting', cast(id as text), 0,
               coalesce(next_attempt_at, created_at), created_at
        from webhook_deliveries where status = 'pending'
      `.execute(db);
      await sql`
        insert into jobs (kind, payload, state, dedupe_key, attempts, run_at, created_at)
        select 'wire.picture', '{"fetchId":' || cast(id as text) || '}', 'waiting', cast(id as text), 0, next_attempt_at, created_at
        from wire_picture_fetches where done_at is null
      `.execute(db);
    },
  };
}
