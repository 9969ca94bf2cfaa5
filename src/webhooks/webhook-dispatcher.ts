import type { Article } from '../domain/article.js';
import { isWebhookEventKind } from '../domain/webhook.js';
import { JOB_KINDS } from '../jobs/index.js';
import type { Change, JobRepo } from '../store/index.js';
import type { NewDelivery, WebhookRepo } from '../store/webhook-repo.js';
import type { DeliverPayload } from './deliver-webhook.js';
import { webhookArticle } from './webhook-payload.js';

export interface Clock {
  now(): Date;
}

export interface DispatcherLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DispatcherDeps {
  repo: WebhookRepo;
  /** Where each new delivery's `webhook.deliver` job goes, in the delivery's transaction. */
  jobs: Pick<JobRepo, 'enqueue'>;
  articles: { byId(id: number): Promise<Article | undefined> };
  /** The public address stories' URLs are made absolute against. */
  siteUrl: string;
  clock?: Clock;
  log?: DispatcherLog;
}

export interface DispatcherOptions {
  /** How often to look for events other processes wrote. */
  pollMs?: number;
}

export interface TickOutcome {
  /** Deliveries (and their send jobs) this pass created. */
  created: number;
}

const OUTBOX_PAGE = 500;
/**
 * Deliveries (and their send jobs) per transaction. A page of 500 events for
 * 30 subscribers is 15,000 deliveries: one statement for all of them passes
 * both databases' limit on bound parameters, fails, and fails again on every
 * pass. Bounded chunks keep each statement and transaction small.
 */
export const DELIVERIES_PER_CHUNK = 500;
const systemClock: Clock = { now: () => new Date() };

/**
 * Follows the story events of the outbox by its cursor and turns each into
 * one delivery per interested subscriber, each with a `webhook.deliver` job
 * that sends it (and retries it) through the job queue. Wakes on the change
 * feed and on a timer; runs one pass at a time. Several dispatchers (nodes)
 * may share a database: deliveries are unique per (subscriber, event).
 */
export class WebhookDispatcher {
  private readonly clock: Clock;
  private readonly pollMs: number;
  /** PostgreSQL: outbox marks waiting until every transaction that could still add an older event has ended. */
  private settling: Array<{ upTo: number; xmax: bigint }> = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private started = false;
  private stopped = false;
  /** Whether the last pass failed (so the next that works clears the record). */
  private failing = true;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 5_000;
  }

  /** Starts: now, on every story event of the feed, and on the poll timer. */
  start(changes?: { subscribe(listener: (change: Change) => void): () => void }): void {
    this.started = true;
    this.unsubscribe = changes?.subscribe((change) => {
      if (change.kind === 'article' && isWebhookEventKind(change.event.kind)) this.wake();
    });
    this.wake();
  }

  /** Runs a pass soon; if one is running, another follows it. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop();
  }

  /** Stops the timer and waits for the pass in progress, so the database can close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.tick();
      } while (this.again && !this.stopped);
      await this.passWorked();
    } catch (error) {
      await this.passFailed(error);
    } finally {
      this.running = null;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.wake(), this.pollMs);
      this.timer.unref();
    }
  }

  /** A pass that works after failures says so once, and clears the failure `dateline webhook log` shows. */
  private async passWorked(): Promise<void> {
    if (!this.failing) return;
    this.failing = false;
    if (await this.deps.repo.clearDispatchFailure()) this.deps.log?.info({}, 'webhook dispatcher works again');
  }

  /**
   * A failed pass is an error: in the log (once per distinct failure, not on
   * every retry) and in the database, where `dateline webhook log` shows it
   * with how long it has lasted. Recording it may fail too (the database is
   * what broke); that is logged as well, never thrown out of the loop.
   */
  private async passFailed(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.failing = true;
    try {
      const { changed, passes } = await this.deps.repo.recordDispatchFailure(message, this.clock.now());
      if (changed) this.deps.log?.error({ err: error }, 'webhook dispatcher pass failed; deliveries wait until it works (see `dateline webhook log`)');
      else if (passes % 100 === 0) this.deps.log?.error({ err: error, passes }, 'webhook dispatcher still failing');
    } catch (recordError) {
      this.deps.log?.error({ err: error, recordError }, 'webhook dispatcher pass failed, and the failure could not be recorded');
    }
  }

  /** One pass: deliveries and their send jobs for the outbox events since the cursor. Tests call it directly. */
  async tick(): Promise<TickOutcome> {
    return { created: await this.createDeliveries() };
  }

  private async createDeliveries(): Promise<number> {
    const { repo } = this.deps;
    const before = await repo.snapshot();
    const mark = await repo.cursor();
    // Read before the subscribers: one added after this read starts at or past this id.
    const latest = await repo.latestEventId();
    const subscribers = await repo.activeSubscribers();
    if (subscribers.length === 0) {
      // Nobody to tell, and whoever subscribes next starts after the newest event anyway.
      await repo.advanceCursor(latest);
      return 0;
    }
    // Events no subscriber is old enough to want need not be read at all.
    let after = Math.max(mark, Math.min(...subscribers.map((s) => s.startAfterEventId)));
    let created = 0;
    for (;;) {
      const events = await repo.eventsAfter(after, OUTBOX_PAGE);
      if (events.length === 0) break;
      after = events.at(-1)!.id;
      const existing = await repo.existingDeliveries(events.map((e) => e.id));
      const deliveries: NewDelivery[] = [];
      for (const event of events) {
        const kind = event.kind;
        if (!isWebhookEventKind(kind)) continue;
        const targets = subscribers.filter(
          (s) => s.events.includes(kind) && event.id > s.startAfterEventId && !existing.has(`${s.id}:${event.id}`),
        );
        if (targets.length === 0) continue;
        const article = await this.deps.articles.byId(event.articleId);
        if (!article) continue;
        const articleJson = JSON.stringify(webhookArticle(article, kind, this.deps.siteUrl));
        for (const s of targets) {
          deliveries.push({ subscriberId: s.id, eventId: event.id, event: kind, articleId: event.articleId, occurredAt: event.at, articleJson });
        }
      }
      for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_CHUNK) {
        created += await repo.createDeliveries(deliveries.slice(i, i + DELIVERIES_PER_CHUNK), this.clock.now(), async (trx, made) => {
          for (const d of made) {
            const payload: DeliverPayload = { deliveryId: d.id, subscriberId: d.subscriberId };
            await this.deps.jobs.enqueue(trx, { kind: JOB_KINDS.webhookDeliver, payload, key: String(d.id) }, this.clock.now());
          }
        });
      }
    }
    await this.advanceMark(before, mark, after);
    return created;
  }

  /**
   * Moves the outbox mark past what this pass read. On PostgreSQL an event
   * id can commit after a higher one, so a mark waits until every
   * transaction running when it was read has ended and a later pass has
   * read again; until then passes re-read from the old mark, and the unique
   * (subscriber, event) key keeps that from sending anything twice.
   */
  private async advanceMark(before: { xmin: bigint } | null, mark: number, readUpTo: number): Promise<void> {
    const { repo } = this.deps;
    if (!before) {
      if (readUpTo > mark) await repo.advanceCursor(readUpTo);
      return;
    }
    const settled = this.settling.filter((s) => before.xmin >= s.xmax);
    if (settled.length > 0) {
      await repo.advanceCursor(Math.max(...settled.map((s) => s.upTo)));
      this.settling = this.settling.filter((s) => before.xmin < s.xmax);
    }
    if (readUpTo > mark) {
      const now = await repo.snapshot();
      this.settling.push({ upTo: readUpTo, xmax: now!.xmax });
      if (this.settling.length > 100) this.settling.shift();
    }
  }
}
