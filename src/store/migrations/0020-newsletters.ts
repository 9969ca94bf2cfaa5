import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Newsletters (issue 13): lists, one subscription per list and address,
 * editions and one delivery row per edition and subscription. The unique
 * (edition, subscription) pair is what makes a send resumable without
 * mailing anyone twice; (list, issue_day) keeps a scheduled digest to one
 * edition a day however many nodes look at the clock.
 */
export function newsletters(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('newsletter_lists')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('from_name', 'text', (c) => c.notNull())
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('reply_to', 'text')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('digest', 'alerts')`))
        // Local time of day (HH:MM, site time zone) the automatic digest goes out; null: sent by hand only.
        .addColumn('send_at', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('newsletter_subscriptions')
        .addColumn('id', id, idColumn)
        .addColumn('list_id', 'integer', (c) => c.notNull().references('newsletter_lists.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'unsubscribed')`))
        .addColumn('token_hash', 'text')
        .addColumn('token_expires_at', time)
        .addColumn('requested_at', time, (c) => c.notNull())
        .addColumn('confirmed_at', time)
        .addColumn('unsubscribed_at', time)
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('newsletter_subscriptions_address').on('newsletter_subscriptions').columns(['list_id', 'email']).unique().execute();
      await db.schema.createIndex('newsletter_subscriptions_token').on('newsletter_subscriptions').column('token_hash').execute();
      await db.schema
        .createTable('newsletter_editions')
        .addColumn('id', id, idColumn)
        .addColumn('list_id', 'integer', (c) => c.notNull().references('newsletter_lists.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('digest', 'composed', 'alert')`))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')`))
        // The site-time day of a scheduled digest: at most one per list and day.
        .addColumn('issue_day', 'text')
        .addColumn('scheduled_at', time)
        .addColumn('html', 'text')
        .addColumn('text', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('started_at', time)
        .addColumn('finished_at', time)
        .execute();
      await db.schema.createIndex('newsletter_editions_day').on('newsletter_editions').columns(['list_id', 'issue_day']).unique().execute();
      await db.schema
        .createTable('newsletter_deliveries')
        .addColumn('id', id, idColumn)
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('newsletter_editions.id').onDelete('cascade'))
        .addColumn('subscription_id', 'integer', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        // queued → sending → sent | failed; a row found `sending` after a crash may have gone out: `uncertain`, never resent.
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'uncertain')`))
        .addColumn('error', 'text')
        .addColumn('sent_at', time)
        .execute();
      await db.schema.createIndex('newsletter_deliveries_once').on('newsletter_deliveries').columns(['edition_id', 'subscription_id']).unique().execute();
      await db.schema.createIndex('newsletter_deliveries_status').on('newsletter_deliveries').columns(['edition_id', 'status']).execute();
    },
  };
}
