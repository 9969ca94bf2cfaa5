import type { Kysely, Selectable } from 'kysely';
import type { ArticleEventKind } from '../domain/article-event.js';
import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEventKind,
  WebhookSubscriber,
} from '../domain/webhook.js';
import type { Db } from './database.js';
import { toDate } from './rows.js';
import type { Database, WebhookDeliveryTable, WebhookSubscriberTable } from './schema.js';

/** An outbox row as the dispatcher reads it. */
export interface OutboxEvent {
  id: number;
  articleId: number;
  kind: ArticleEventKind;
  at: Date;
}

export interface NewDelivery {
  subscriberId: number;
  eventId: number;
  event: WebhookEventKind;
  articleId: number;
  occurredAt: Date;
  /** The payload's `article` object, as JSON. */
  articleJson: string;
}

/** A delivery with what sending it needs. */
export interface DeliveryToSend {
  id: number;
  subscriber: WebhookSubscriber;
  eventId: number;
  event: WebhookEventKind;
  occurredAt: Date;
  articleJson: string;
  status: WebhookDeliveryStatus;
  /** Attempts made before this one. */
  attempts: number;
}

/** How an attempt ended and what the delivery becomes. */
export interface AttemptOutcome {
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date | null;
}

export interface DeliveryLogEntry extends WebhookDelivery {
  subscriberUrl: string;
  attemptLog: WebhookAttempt[];
}

const OUTBOX = 'outbox';

/** Webhook subscribers, their deliveries and attempts, and the outbox high-water mark. */
/** The meta key the dispatcher's last failure is kept under. */
const DISPATCH_FAILURE_KEY = 'webhooks.dispatch_failure';

export class WebhookRepo {
  constructor(private readonly db: Db) {}

  /** Adds a subscriber that hears only of events written from now on. */
  async add(input: { url: string; secret: string; events: WebhookEventKind[] }, now = new Date()): Promise<WebhookSubscriber> {
    const row = await this.db.kysely
      .insertInto('webhook_subscribers')
      .values({
        url: input.url,
        secret: input.secret,
        events: `,${input.events.join(',')},`,
        status: 'active',
        disabled_reason: null,
        start_after_event_id: await this.latestEventId(),
        created_at: now.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscriber(row);
  }

  async list(): Promise<WebhookSubscriber[]> {
    const rows = await this.db.kysely.selectFrom('webhook_subscribers').selectAll().orderBy('id').execute();
    return rows.map(toSubscriber);
  }

  async byId(id: number): Promise<WebhookSubscriber | undefined> {
    const row = await this.db.kysely.selectFrom('webhook_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscriber(row) : undefined;
  }

  /** Removes a subscriber with its deliveries and their log; false when there was none. */
  async remove(id: number): Promise<boolean> {
    const result = await this.db.kysely.deleteFrom('webhook_subscribers').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async disable(id: number, reason: string): Promise<void> {
    await this.db.kysely.updateTable('webhook_subscribers').set({ status: 'disabled', disabled_reason: reason }).where('id', '=', id).execute();
  }

  async activeSubscribers(): Promise<WebhookSubscriber[]> {
    const rows = await this.db.kysely.selectFrom('webhook_subscribers').selectAll().where('status', '=', 'active').execute();
    return rows.map(toSubscriber);
  }

  async latestEventId(): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('article_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** The outbox id up to which every event has deliveries. */
  async cursor(): Promise<number> {
    const row = await this.db.kysely.selectFrom('webhook_cursor').select('last_event_id').where('name', '=', OUTBOX).executeTakeFirst();
    return row?.last_event_id ?? 0;
  }

  /** Moves the mark forward, never back: two nodes may advance it at once. */
  async advanceCursor(to: number): Promise<void> {
    await this.db.kysely
      .insertInto('webhook_cursor')
      .values({ name: OUTBOX, last_event_id: to })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ last_event_id: to }).where('webhook_cursor.last_event_id', '<', to),
      )
      .execute();
  }

  async eventsAfter(afterId: number, limit: number): Promise<OutboxEvent[]> {
    const rows = await this.db.kysely
      .selectFrom('article_events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, articleId: r.article_id, kind: r.kind as ArticleEventKind, at: new Date(r.at) }));
  }

  /** Which of these events already have a delivery for which subscriber, as `subscriber:event` keys. */
  async existingDeliveries(eventIds: number[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.db.kysely
      .selectFrom('webhook_deliveries')
      .select(['subscriber_id', 'event_id'])
      .where('event_id', 'in', eventIds)
      .execute();
    return new Set(rows.map((r) => `${r.subscriber_id}:${r.event_id}`));
  }

  /**
   * Creates deliveries; one another node already created is skipped, not
   * doubled. `then` runs in the same transaction with the new ones (in
   * event order), so each is created together with the job that sends it.
   * Returns how many were new.
   */
  async createDeliveries(
    deliveries: NewDelivery[],
    now: Date,
    then: (trx: Kysely<Database>, created: Array<{ id: number; subscriberId: number }>) => Promise<void> = async () => {},
  ): Promise<number> {
    if (deliveries.length === 0) return 0;
    return this.db.kysely.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto('webhook_deliveries')
        .values(
          deliveries.map((d) => ({
            subscriber_id: d.subscriberId,
            event_id: d.eventId,
            event: d.event,
            article_id: d.articleId,
            occurred_at: d.occurredAt.getTime(),
            article_json: d.articleJson,
            status: 'pending' as const,
            next_attempt_at: now.getTime(),
            created_at: now.getTime(),
          })),
        )
        .onConflict((oc) => oc.columns(['subscriber_id', 'event_id']).doNothing())
        .returning(['id', 'subscriber_id'])
        .execute();
      await then(
        trx,
        rows.map((r) => ({ id: r.id, subscriberId: r.subscriber_id })).sort((a, b) => a.id - b.id),
      );
      return rows.length;
    });
  }

  /**
   * PostgreSQL only: the current snapshot's oldest running and next
   * transaction ids, so the dispatcher knows when every transaction that
   * might still commit an older outbox id has ended. Null on SQLite, where
   * writes commit one at a time in id order.
   */
  snapshot(): Promise<{ xmin: bigint; xmax: bigint } | null> {
    return this.db.sql.snapshot(this.db.kysely);
  }

  /** A delivery and its subscriber, for sending; undefined once either was removed. */
  async toSend(id: number): Promise<DeliveryToSend | undefined> {
    const row = await this.db.kysely
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscribers as s', 's.id', 'd.subscriber_id')
      .selectAll('s')
      .select(['d.id as delivery_id', 'd.event_id', 'd.event', 'd.occurred_at', 'd.article_json', 'd.status as delivery_status', 'd.attempts'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.delivery_id,
      subscriber: toSubscriber(row),
      eventId: row.event_id,
      event: row.event as WebhookEventKind,
      occurredAt: new Date(row.occurred_at),
      articleJson: row.article_json,
      status: row.delivery_status,
      attempts: row.attempts,
    };
  }

  /**
   * Logs an attempt and updates its pending delivery, in `executor` (the
   * send job's completing transaction when it went through). False when the
   * delivery was no longer pending.
   */
  async recordAttempt(deliveryId: number, outcome: AttemptOutcome, executor: Kysely<Database> = this.db.kysely): Promise<boolean> {
    const write = async (trx: Kysely<Database>) => {
      const result = await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: outcome.status,
          attempts: eb('attempts', '+', 1),
          next_attempt_at: outcome.nextAttemptAt?.getTime() ?? null,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          delivered_at: outcome.status === 'delivered' ? outcome.at.getTime() : null,
        }))
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: deliveryId,
          at: outcome.at.getTime(),
          status_code: outcome.statusCode,
          error: outcome.error,
          duration_ms: Math.round(outcome.durationMs),
          next_attempt_at: outcome.nextAttemptAt?.getTime() ?? null,
        })
        .execute();
      return true;
    };
    return executor.isTransaction ? write(executor) : executor.transaction().execute(write);
  }

  /** Ends a pending delivery unsent (its subscriber was disabled), without an attempt. */
  async abandon(deliveryId: number, reason: string): Promise<void> {
    await this.db.kysely
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null, last_error: reason })
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .execute();
  }

  /**
   * The dispatcher's last failure (what went wrong, since when, how many
   * passes in a row), kept where `dateline webhook log` and every node see
   * it; cleared by the next pass that works.
   */
  async dispatchFailure(): Promise<{ message: string; since: Date; last: Date; passes: number } | null> {
    const row = await this.db.kysely.selectFrom('meta').select('value').where('key', '=', DISPATCH_FAILURE_KEY).executeTakeFirst();
    if (!row) return null;
    try {
      const value = JSON.parse(row.value) as { message: string; since: number; last: number; passes: number };
      return { message: value.message, since: new Date(value.since), last: new Date(value.last), passes: value.passes };
    } catch {
      // A value no release of ours wrote: shown as it is rather than hidden.
      return { message: row.value, since: new Date(0), last: new Date(0), passes: 1 };
    }
  }

  async recordDispatchFailure(message: string, at: Date): Promise<{ passes: number; changed: boolean }> {
    const before = await this.dispatchFailure();
    const changed = before?.message !== message;
    const value = JSON.stringify({ message, since: changed ? at.getTime() : before.since.getTime(), last: at.getTime(), passes: changed ? 1 : before.passes + 1 });
    await this.db.kysely
      .insertInto('meta')
      .values({ key: DISPATCH_FAILURE_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return { passes: changed ? 1 : before.passes + 1, changed };
  }

  async clearDispatchFailure(): Promise<boolean> {
    const result = await this.db.kysely.deleteFrom('meta').where('key', '=', DISPATCH_FAILURE_KEY).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Recent deliveries, newest first, each with its attempts in order. */
  async log(options: { subscriberId?: number | undefined; limit: number }): Promise<DeliveryLogEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscribers as s', 's.id', 'd.subscriber_id')
      .selectAll('d')
      .select('s.url as subscriber_url')
      .$if(options.subscriberId !== undefined, (qb) => qb.where('d.subscriber_id', '=', options.subscriberId!))
      .orderBy('d.id', 'desc')
      .limit(options.limit)
      .execute();
    if (rows.length === 0) return [];
    const attempts = await this.db.kysely
      .selectFrom('webhook_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      ...toDelivery(row),
      subscriberUrl: row.subscriber_url,
      attemptLog: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => ({
          id: a.id,
          deliveryId: a.delivery_id,
          at: new Date(a.at),
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
          nextAttemptAt: toDate(a.next_attempt_at),
        })),
    }));
  }
}

function toSubscriber(row: Selectable<WebhookSubscriberTable>): WebhookSubscriber {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    events: row.events.split(',').filter(Boolean) as WebhookEventKind[],
    status: row.status,
    disabledReason: row.disabled_reason,
    startAfterEventId: row.start_after_event_id,
    createdAt: new Date(row.created_at),
  };
}

function toDelivery(row: Selectable<WebhookDeliveryTable>): WebhookDelivery {
  let headline = '';
  try {
    headline = String(JSON.parse(row.article_json).headline ?? '');
  } catch {
    // A snapshot that does not parse still shows in the log, without a headline.
  }
  return {
    id: row.id,
    subscriberId: row.subscriber_id,
    eventId: row.event_id,
    event: row.event as WebhookEventKind,
    articleId: row.article_id,
    headline,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    deliveredAt: toDate(row.delivered_at),
  };
}
