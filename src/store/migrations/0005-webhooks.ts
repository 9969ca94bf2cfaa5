import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Webhook subscribers, one delivery per (subscriber, outbox event) — the
 * unique key is what keeps two nodes from creating the same delivery twice —
 * every attempt at sending one, and the outbox high-water mark the
 * dispatcher reads on from.
 */
export function webhooks(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('webhook_subscribers')
        .addColumn('id', id, idColumn)
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        // Comma-wrapped (`,published,withdrawn,`) so one LIKE tests membership on both databases.
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
        .addColumn('disabled_reason', 'text')
        .addColumn('start_after_event_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', id, idColumn)
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('webhook_subscribers.id').onDelete('cascade'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('article_events.id').onDelete('cascade'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('occurred_at', time, (c) => c.notNull())
        /** The `article` object of the payload, taken when the delivery was created. */
        .addColumn('article_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', time)
        .addColumn('claimed_until', time)
        .addColumn('claimed_by', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('delivered_at', time)
        .addUniqueConstraint('webhook_deliveries_subscriber_event', ['subscriber_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['next_attempt_at', 'id'])
        .where(sql<boolean>`status = 'pending'`)
        .execute();
      await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').column('event_id').execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', id, idColumn)
        .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', time)
        .execute();
      await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'id']).execute();

      await db.schema
        .createTable('webhook_cursor')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last_event_id', 'integer', (c) => c.notNull())
        .execute();
      // Events written before webhooks existed are history, not news to send.
      await sql`insert into webhook_cursor (name, last_event_id) select 'outbox', coalesce(max(id), 0) from article_events`.execute(db);
    },
  };
}
