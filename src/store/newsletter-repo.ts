import { type Selectable, sql, type Transaction } from 'kysely';
import { SITE_KEY } from '../domain/cache-keys.js';
import type { DeliveryStatus, Edition, EditionKind, NewsletterList, Subscription } from '../domain/newsletter.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import { KeptUntilSiteChange } from './kept-until-site-change.js';
import type { NewsletterEditionTable, NewsletterListTable, NewsletterSubscriptionTable } from './newsletter-tables.js';
import type { OutboxRepo } from './outbox-repo.js';
import type { Database } from './schema.js';

export type ListInput = Omit<NewsletterList, 'id'>;

/** What a subscribe request did: only `pending` means a confirmation mail is due. */
export type SubscribeOutcome = { kind: 'pending'; subscription: Subscription } | { kind: 'already-confirmed'; subscription: Subscription };

export type ConfirmOutcome = { kind: 'confirmed'; subscription: Subscription } | { kind: 'expired' } | { kind: 'unknown' };

export interface ImportRow {
  email: string;
  /** When the address gave its consent, as the file says. */
  consentedAt: Date;
}

export interface ImportResult {
  added: number;
  updated: number;
  /** Addresses that unsubscribed from this list: an import never subscribes them again. */
  skippedUnsubscribed: string[];
}

export interface EditionInput {
  listId: number;
  kind: EditionKind;
  subject: string;
  intro?: string;
  articleIds?: number[];
  issueDay?: string | null;
  scheduledAt?: Date | null;
  status?: 'draft' | 'scheduled';
}

export interface DeliveryRow {
  id: number;
  subscriptionId: number;
  email: string;
}

type Executor = Db['kysely'] | Transaction<Database>;

/** The SQL of newsletters: lists, subscriptions (double opt-in), editions and per-recipient deliveries. */
export class NewsletterRepo {
  /** Every page offers the digest list. */
  private readonly keptLists: KeptUntilSiteChange<NewsletterList[]>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
  ) {
    this.keptLists = new KeptUntilSiteChange(changes);
  }

  async lists(): Promise<NewsletterList[]> {
    return this.keptLists.get(async () => (await this.db.kysely.selectFrom('newsletter_lists').selectAll().orderBy('id').execute()).map(toList));
  }

  async listBySlug(slug: string): Promise<NewsletterList | undefined> {
    const row = await this.db.kysely.selectFrom('newsletter_lists').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toList(row);
  }

  async listById(id: number): Promise<NewsletterList | undefined> {
    const row = await this.db.kysely.selectFrom('newsletter_lists').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toList(row);
  }

  /** Adds a list; undefined when its slug is taken. */
  async createList(input: ListInput, now: Date): Promise<NewsletterList | undefined> {
    return this.writeList(now, (trx) =>
      trx
        .insertInto('newsletter_lists')
        .values({ ...listColumns(input), created_at: now.getTime() })
        .onConflict((oc) => oc.column('slug').doNothing())
        .returningAll()
        .executeTakeFirst(),
    );
  }

  async updateList(id: number, patch: Partial<ListInput>, now = new Date()): Promise<NewsletterList | undefined> {
    const current = await this.listById(id);
    if (!current) return undefined;
    const { id: _id, ...rest } = { ...current, ...patch };
    return this.writeList(now, (trx) => trx.updateTable('newsletter_lists').set(listColumns(rest)).where('id', '=', id).returningAll().executeTakeFirst());
  }

  /**
   * A list's change and a site-wide purge commit together: every page's sign-up box names the digest list,
   * so a renamed or new list must not wait for cached pages to expire, on this node or any other.
   */
  private async writeList(now: Date, work: (trx: Tx) => Promise<Selectable<NewsletterListTable> | undefined>): Promise<NewsletterList | undefined> {
    const { row, entry } = await this.db.kysely.transaction().execute(async (trx) => {
      const row = await work(trx);
      return { row, entry: row && (await this.outbox.record(trx, { keys: [SITE_KEY], hard: false }, now)) };
    });
    this.keptLists.drop();
    if (entry) this.changes.announceRecorded([entry]);
    return row && toList(row);
  }

  /** Subscribers per status, for each list. */
  async subscriberCounts(): Promise<Map<number, Record<Subscription['status'], number>>> {
    const rows = await this.db.kysely
      .selectFrom('newsletter_subscriptions')
      .select(['list_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['list_id', 'status'])
      .execute();
    const counts = new Map<number, Record<Subscription['status'], number>>();
    for (const r of rows) {
      const entry = counts.get(r.list_id) ?? { pending: 0, confirmed: 0, unsubscribed: 0 };
      entry[r.status] = Number(r.n);
      counts.set(r.list_id, entry);
    }
    return counts;
  }

  /**
   * Records a subscribe request. A new, pending or unsubscribed address gets
   * a fresh confirmation token (pending); a confirmed one is left alone, so
   * subscribing again sends nothing.
   */
  async subscribe(listId: number, email: string, token: { hash: string; expiresAt: Date }, now: Date, source = 'form'): Promise<SubscribeOutcome> {
    const k = this.db.kysely;
    await k
      .insertInto('newsletter_subscriptions')
      .values({ list_id: listId, email, status: 'pending', requested_at: now.getTime(), source, token_hash: null, token_expires_at: null })
      .onConflict((oc) => oc.columns(['list_id', 'email']).doNothing())
      .execute();
    const row = await k
      .updateTable('newsletter_subscriptions')
      .set({ status: 'pending', token_hash: token.hash, token_expires_at: token.expiresAt.getTime(), requested_at: now.getTime(), unsubscribed_at: null })
      .where('list_id', '=', listId)
      .where('email', '=', email)
      .where('status', '!=', 'confirmed')
      .returningAll()
      .executeTakeFirst();
    if (row) return { kind: 'pending', subscription: toSubscription(row) };
    const confirmed = await k.selectFrom('newsletter_subscriptions').selectAll().where('list_id', '=', listId).where('email', '=', email).executeTakeFirstOrThrow();
    return { kind: 'already-confirmed', subscription: toSubscription(confirmed) };
  }

  /** The pending subscription a confirmation token names, for the page with the button. */
  async pendingByToken(tokenHash: string, now: Date): Promise<ConfirmOutcome | { kind: 'pending'; subscription: Subscription }> {
    const row = await this.db.kysely.selectFrom('newsletter_subscriptions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return { kind: 'unknown' };
    if (row.status === 'confirmed') return { kind: 'confirmed', subscription: toSubscription(row) };
    if ((row.token_expires_at ?? 0) < now.getTime()) return { kind: 'expired' };
    return { kind: 'pending', subscription: toSubscription(row) };
  }

  /** Confirms the subscription whose token hashes to `tokenHash`, if it has not expired. Confirming twice is fine. */
  async confirm(tokenHash: string, now: Date): Promise<ConfirmOutcome> {
    const row = await this.db.kysely
      .updateTable('newsletter_subscriptions')
      .set({ status: 'confirmed', confirmed_at: now.getTime() })
      .where('token_hash', '=', tokenHash)
      .where('status', '=', 'pending')
      .where('token_expires_at', '>=', now.getTime())
      .returningAll()
      .executeTakeFirst();
    if (row) return { kind: 'confirmed', subscription: toSubscription(row) };
    const found = await this.pendingByToken(tokenHash, now);
    return found.kind === 'pending' ? { kind: 'expired' } : found;
  }

  async subscription(id: number): Promise<Subscription | undefined> {
    const row = await this.db.kysely.selectFrom('newsletter_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscription(row);
  }

  /** Unsubscribes at once; returns the subscription (also when it had already left). */
  async unsubscribe(id: number, now: Date): Promise<Subscription | undefined> {
    await this.db.kysely
      .updateTable('newsletter_subscriptions')
      .set({ status: 'unsubscribed', unsubscribed_at: now.getTime(), token_hash: null, token_expires_at: null })
      .where('id', '=', id)
      .where('status', '!=', 'unsubscribed')
      .execute();
    return this.subscription(id);
  }

  /** Every subscription of a list, oldest first (the CSV export). */
  async subscriptions(listId: number): Promise<Subscription[]> {
    const rows = await this.db.kysely.selectFrom('newsletter_subscriptions').selectAll().where('list_id', '=', listId).orderBy('id').execute();
    return rows.map(toSubscription);
  }

  /**
   * Adds confirmed subscribers from an import (their consent given elsewhere,
   * with its date). An address that unsubscribed from this list is skipped;
   * a pending one becomes confirmed; a confirmed one keeps its first consent.
   */
  async importConfirmed(listId: number, rows: readonly ImportRow[], now: Date): Promise<ImportResult> {
    const result: ImportResult = { added: 0, updated: 0, skippedUnsubscribed: [] };
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const row of rows) {
        const existing = await trx.selectFrom('newsletter_subscriptions').select(['id', 'status']).where('list_id', '=', listId).where('email', '=', row.email).executeTakeFirst();
        if (!existing) {
          await trx
            .insertInto('newsletter_subscriptions')
            .values({ list_id: listId, email: row.email, status: 'confirmed', requested_at: row.consentedAt.getTime(), confirmed_at: row.consentedAt.getTime(), source: 'import', token_hash: null, token_expires_at: null })
            .execute();
          result.added++;
        } else if (existing.status === 'unsubscribed') {
          result.skippedUnsubscribed.push(row.email);
        } else if (existing.status === 'pending') {
          await trx
            .updateTable('newsletter_subscriptions')
            .set({ status: 'confirmed', confirmed_at: row.consentedAt.getTime(), token_hash: null, token_expires_at: null })
            .where('id', '=', existing.id)
            .execute();
          result.updated++;
        }
      }
    });
    void now;
    return result;
  }

  async createEdition(input: EditionInput, now: Date, executor: Executor = this.db.kysely): Promise<Edition | undefined> {
    const row = await executor
      .insertInto('newsletter_editions')
      .values({
        list_id: input.listId,
        kind: input.kind,
        subject: input.subject,
        intro: input.intro ?? '',
        article_ids: JSON.stringify(input.articleIds ?? []),
        status: input.status ?? 'draft',
        issue_day: input.issueDay ?? null,
        scheduled_at: input.scheduledAt ? input.scheduledAt.getTime() : null,
        created_at: now.getTime(),
        html: null,
        text: null,
        started_at: null,
        finished_at: null,
      })
      .onConflict((oc) => oc.columns(['list_id', 'issue_day']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // A new edition has no deliveries; asking the database would wait for the caller's transaction on SQLite's one connection.
    return row && { ...toEdition(row), deliveries: { queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0 } };
  }

  async updateEdition(id: number, patch: { subject?: string; intro?: string; articleIds?: number[]; status?: 'draft' | 'scheduled' | 'cancelled'; scheduledAt?: Date | null }): Promise<Edition | undefined> {
    const row = await this.db.kysely
      .updateTable('newsletter_editions')
      .set({
        ...(patch.subject !== undefined && { subject: patch.subject }),
        ...(patch.intro !== undefined && { intro: patch.intro }),
        ...(patch.articleIds !== undefined && { article_ids: JSON.stringify(patch.articleIds) }),
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.scheduledAt !== undefined && { scheduled_at: patch.scheduledAt?.getTime() ?? null }),
      })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'scheduled'])
      .returningAll()
      .executeTakeFirst();
    return row && this.withDeliveries(row);
  }

  /**
   * Marks a draft or scheduled edition to go at `runAt`, in the transaction that queues its send job; false when it has started sending meanwhile (a second
   * click, another editor, another node), which must not put it back to scheduled and queue it again.
   */
  async schedule(tx: Tx, id: number, runAt: Date): Promise<boolean> {
    const result = await tx
      .updateTable('newsletter_editions')
      .set({ status: 'scheduled', scheduled_at: runAt.getTime() })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async edition(id: number): Promise<Edition | undefined> {
    const row = await this.db.kysely.selectFrom('newsletter_editions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.withDeliveries(row);
  }

  /** The mail fixed when sending started. */
  async renderedEdition(id: number): Promise<{ html: string; text: string; listId: number; subject: string } | undefined> {
    const row = await this.db.kysely.selectFrom('newsletter_editions').select(['html', 'text', 'list_id', 'subject']).where('id', '=', id).executeTakeFirst();
    if (!row || row.html === null || row.text === null) return undefined;
    return { html: row.html, text: row.text, listId: row.list_id, subject: row.subject };
  }

  async editions(listId: number, limit = 50): Promise<Edition[]> {
    const rows = await this.db.kysely.selectFrom('newsletter_editions').selectAll().where('list_id', '=', listId).orderBy('id', 'desc').limit(limit).execute();
    return Promise.all(rows.map((r) => this.withDeliveries(r)));
  }

  /**
   * Starts sending in the caller's transaction: fixes the rendered mail and
   * queues one delivery per confirmed subscriber. Returns the delivery ids,
   * or undefined when the edition was already sending or sent (a second
   * start does nothing).
   */
  async startSending(trx: Transaction<Database>, editionId: number, mail: { html: string; text: string }, now: Date): Promise<number[] | undefined> {
    const started = await trx
      .updateTable('newsletter_editions')
      .set({ status: 'sending', html: mail.html, text: mail.text, started_at: now.getTime() })
      .where('id', '=', editionId)
      .where('status', 'in', ['draft', 'scheduled'])
      .returning('list_id')
      .executeTakeFirst();
    if (!started) return undefined;
    await trx
      .insertInto('newsletter_deliveries')
      .columns(['edition_id', 'subscription_id', 'email', 'status'])
      .expression((eb) =>
        eb
          .selectFrom('newsletter_subscriptions')
          .select([sql.lit(editionId).as('edition_id'), 'id', 'email', sql.lit('queued').as('status')])
          .where('list_id', '=', started.list_id)
          .where('status', '=', 'confirmed'),
      )
      .onConflict((oc) => oc.columns(['edition_id', 'subscription_id']).doNothing())
      .execute();
    const rows = await trx.selectFrom('newsletter_deliveries').select('id').where('edition_id', '=', editionId).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /**
   * Deliveries of one batch still to send. Any left `sending` by a process
   * that died mid-send may have gone out: they become `uncertain` and are
   * never sent again (no one gets an edition twice).
   */
  async batchToSend(editionId: number, range: { fromId: number; toId: number }): Promise<{ rows: DeliveryRow[]; uncertain: number }> {
    const k = this.db.kysely;
    const stale = await k
      .updateTable('newsletter_deliveries')
      .set({ status: 'uncertain', error: 'the sending process stopped while this message was with the mail server' })
      .where('edition_id', '=', editionId)
      .where('id', '>=', range.fromId)
      .where('id', '<=', range.toId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    const rows = await k
      .selectFrom('newsletter_deliveries')
      .innerJoin('newsletter_subscriptions as s', 's.id', 'newsletter_deliveries.subscription_id')
      .select(['newsletter_deliveries.id', 'newsletter_deliveries.subscription_id', 'newsletter_deliveries.email', 's.status as subscription_status'])
      .where('newsletter_deliveries.edition_id', '=', editionId)
      .where('newsletter_deliveries.id', '>=', range.fromId)
      .where('newsletter_deliveries.id', '<=', range.toId)
      .where('newsletter_deliveries.status', '=', 'queued')
      .orderBy('newsletter_deliveries.id')
      .execute();
    // Whoever unsubscribed after the send began is not mailed.
    const gone = rows.filter((r) => r.subscription_status !== 'confirmed').map((r) => r.id);
    if (gone.length > 0) {
      await k.updateTable('newsletter_deliveries').set({ status: 'failed', error: 'unsubscribed before it was sent' }).where('id', 'in', gone).where('status', '=', 'queued').execute();
    }
    return {
      rows: rows.filter((r) => r.subscription_status === 'confirmed').map((r) => ({ id: r.id, subscriptionId: r.subscription_id, email: r.email })),
      uncertain: Number(stale.numUpdatedRows),
    };
  }

  /** Marks deliveries as being handed to the mail server; returns those this sender took (not another first). */
  async markSendingMany(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.kysely.updateTable('newsletter_deliveries').set({ status: 'sending' }).where('id', 'in', ids).where('status', '=', 'queued').returning('id').execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Marks deliveries the mail server took as sent, in one statement. */
  async markSentMany(ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.kysely.updateTable('newsletter_deliveries').set({ status: 'sent', sent_at: at.getTime(), error: null }).where('id', 'in', ids).where('status', '=', 'sending').execute();
  }

  async markDone(id: number, outcome: { ok: true; at: Date } | { ok: false; error: string; uncertain?: boolean }): Promise<void> {
    await this.db.kysely
      .updateTable('newsletter_deliveries')
      .set(
        outcome.ok
          ? { status: 'sent', sent_at: outcome.at.getTime(), error: null }
          : { status: outcome.uncertain ? 'uncertain' : 'failed', error: outcome.error.slice(0, 500) },
      )
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  }

  /** Puts a delivery the mail server refused before taking it back in the queue. */
  async requeue(id: number): Promise<void> {
    await this.db.kysely.updateTable('newsletter_deliveries').set({ status: 'queued' }).where('id', '=', id).where('status', '=', 'sending').execute();
  }

  /** Ends the edition as sent once no delivery is left queued or sending. */
  async finishIfDone(editionId: number, now: Date): Promise<boolean> {
    const open = await this.db.kysely
      .selectFrom('newsletter_deliveries')
      .select('id')
      .where('edition_id', '=', editionId)
      .where('status', 'in', ['queued', 'sending'])
      .limit(1)
      .executeTakeFirst();
    if (open) return false;
    const result = await this.db.kysely
      .updateTable('newsletter_editions')
      .set({ status: 'sent', finished_at: now.getTime() })
      .where('id', '=', editionId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deliveryCounts(editionId: number): Promise<Record<DeliveryStatus, number>> {
    const rows = await this.db.kysely
      .selectFrom('newsletter_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('edition_id', '=', editionId)
      .groupBy('status')
      .execute();
    const counts: Record<DeliveryStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  private async withDeliveries(row: Selectable<NewsletterEditionTable>): Promise<Edition> {
    return { ...toEdition(row), deliveries: await this.deliveryCounts(row.id) };
  }
}

function listColumns(input: ListInput) {
  return {
    slug: input.slug,
    name: input.name,
    description: input.description,
    from_name: input.fromName,
    from_address: input.fromAddress,
    reply_to: input.replyTo,
    kind: input.kind,
    send_at: input.sendAt,
  };
}

function toList(row: Selectable<NewsletterListTable>): NewsletterList {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    fromName: row.from_name,
    fromAddress: row.from_address,
    replyTo: row.reply_to,
    kind: row.kind,
    sendAt: row.send_at,
  };
}

function toSubscription(row: Selectable<NewsletterSubscriptionTable>): Subscription {
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return {
    id: row.id,
    listId: row.list_id,
    email: row.email,
    status: row.status,
    requestedAt: new Date(Number(row.requested_at)),
    confirmedAt: at(row.confirmed_at),
    unsubscribedAt: at(row.unsubscribed_at),
    source: row.source,
  };
}

function toEdition(row: Selectable<NewsletterEditionTable>): Omit<Edition, 'deliveries'> {
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return {
    id: row.id,
    listId: row.list_id,
    kind: row.kind,
    subject: row.subject,
    intro: row.intro,
    articleIds: JSON.parse(row.article_ids) as number[],
    status: row.status,
    issueDay: row.issue_day,
    scheduledAt: at(row.scheduled_at),
    createdAt: new Date(Number(row.created_at)),
    startedAt: at(row.started_at),
    finishedAt: at(row.finished_at),
  };
}
