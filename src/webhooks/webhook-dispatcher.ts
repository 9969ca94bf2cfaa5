import { randomUUID } from 'node:crypto';
import type { Article } from '../domain/article.js';
import type { WebhookSubscriber } from '../domain/webhook.js';
import { isWebhookEventKind } from '../domain/webhook.js';
import type { Change } from '../store/index.js';
import type { ClaimedDelivery, NewDelivery, WebhookRepo } from '../store/webhook-repo.js';
import { DEFAULT_RETRY_SCHEDULE_MS, retryDelay } from './backoff.js';
import { describeSendError, type SendWebhook } from './send-webhook.js';
import { webhookArticle, webhookBody } from './webhook-payload.js';
import { signedHeaders } from './webhook-signature.js';

export interface Clock {
  now(): Date;
}

export interface DispatcherLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DispatcherDeps {
  repo: WebhookRepo;
  articles: { byId(id: number): Promise<Article | undefined> };
  /** The public address stories' URLs are made absolute against. */
  siteUrl: string;
  send: SendWebhook;
  clock?: Clock;
  log?: DispatcherLog;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
}

export interface DispatcherOptions {
  /** Delay before each retry; attempts = its length + 1. */
  retrySchedule?: readonly number[];
  timeoutMs?: number;
  /** How often to look for retries and for events other processes wrote. */
  pollMs?: number;
  /** Deliveries claimed at a time. */
  batchSize?: number;
}

export interface TickOutcome {
  created: number;
  attempted: number;
  delivered: number;
}

const OUTBOX_PAGE = 500;
const MAX_ROUNDS = 20;
const systemClock: Clock = { now: () => new Date() };

/**
 * Turns new outbox events into one delivery per interested subscriber and
 * sends the due ones, signed. Runs one tick at a time; wakes on the change
 * feed and on a timer. Several dispatchers (nodes) may share a database:
 * deliveries are unique per (subscriber, event) and claimed under a lease.
 */
export class WebhookDispatcher {
  private readonly claimer = randomUUID();
  private readonly clock: Clock;
  private readonly schedule: readonly number[];
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  /** PostgreSQL: outbox marks waiting until every transaction that could still add an older event has ended. */
  private settling: Array<{ upTo: number; xmax: bigint }> = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.schedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.batchSize = options.batchSize ?? 20;
    // Long enough to send a whole batch to one slow receiver, one after another.
    this.leaseMs = this.batchSize * this.timeoutMs + 60_000;
  }

  /** Starts ticking: now, on every story event of the feed, and on the poll timer. */
  start(changes?: { subscribe(listener: (change: Change) => void): () => void }): void {
    this.started = true;
    this.unsubscribe = changes?.subscribe((change) => {
      if (change.kind === 'article' && isWebhookEventKind(change.event.kind)) this.wake();
    });
    this.wake();
  }

  /** Runs a tick soon; if one is running, another follows it. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop();
  }

  /** Stops the timer and waits for the tick in progress, so the database can close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    let delay = this.pollMs;
    try {
      do {
        this.again = false;
        await this.tick();
      } while (this.again && !this.stopped);
      delay = await this.untilNextDue();
    } catch (error) {
      this.deps.log?.warn({ err: error }, 'webhook dispatcher tick failed');
    } finally {
      this.running = null;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.wake(), delay);
      this.timer.unref();
    }
  }

  /** One pass: create deliveries for new events, then send what is due. Tests call it directly. */
  async tick(): Promise<TickOutcome> {
    const created = await this.createDeliveries();
    const sent = await this.sendDue();
    return { created, ...sent };
  }

  private async untilNextDue(): Promise<number> {
    const next = await this.deps.repo.nextDueAt();
    if (!next) return this.pollMs;
    return Math.min(this.pollMs, Math.max(10, next.getTime() - this.clock.now().getTime()));
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
      created += await repo.createDeliveries(deliveries, this.clock.now());
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

  private async sendDue(): Promise<{ attempted: number; delivered: number }> {
    let attempted = 0;
    let delivered = 0;
    for (let round = 0; round < MAX_ROUNDS && !this.stopped; round++) {
      const now = this.clock.now();
      const claimed = await this.deps.repo.claimDue(now, new Date(now.getTime() + this.leaseMs), this.claimer, this.batchSize);
      if (claimed.length === 0) break;
      const subscribers = new Map((await this.deps.repo.activeSubscribers()).map((s) => [s.id, s]));
      const bySubscriber = new Map<number, ClaimedDelivery[]>();
      for (const d of claimed) bySubscriber.set(d.subscriberId, [...(bySubscriber.get(d.subscriberId) ?? []), d]);
      // Receivers in parallel; each receiver's deliveries one at a time, in event order.
      await Promise.all(
        [...bySubscriber].map(async ([id, deliveries]) => {
          const subscriber = subscribers.get(id);
          if (!subscriber) return;
          for (const delivery of deliveries) {
            attempted++;
            if (await this.attempt(delivery, subscriber)) delivered++;
            else if (subscriber.status === 'disabled') return;
          }
        }),
      );
    }
    return { attempted, delivered };
  }

  /** Sends one delivery and records how it went; true when the receiver took it. */
  private async attempt(delivery: ClaimedDelivery, subscriber: WebhookSubscriber): Promise<boolean> {
    const at = this.clock.now();
    const body = webhookBody({ deliveryId: delivery.id, eventId: delivery.eventId, event: delivery.event, occurredAt: delivery.occurredAt, articleJson: delivery.articleJson });
    const headers = signedHeaders({ secret: subscriber.secret, body, at, event: delivery.event, deliveryId: String(delivery.id) });
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      ({ status: statusCode } = await this.deps.send({ url: subscriber.url, headers: { ...headers }, body, timeoutMs: this.timeoutMs }));
    } catch (cause) {
      error = describeSendError(cause, this.timeoutMs);
    }
    const durationMs = performance.now() - started;
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    let nextAttemptAt: Date | null = null;
    if (!ok && statusCode === 410) {
      // The receiver says it is gone for good: stop sending to it rather than retrying for hours.
      error = 'the receiver answered 410 Gone; subscriber disabled';
      subscriber.status = 'disabled';
      await this.deps.repo.disable(subscriber.id, `answered 410 Gone at ${at.toISOString()}`);
    } else if (!ok) {
      error ??= `the receiver answered ${statusCode}`;
      const delay = retryDelay(delivery.attempts + 1, this.schedule, this.deps.random);
      nextAttemptAt = delay === null ? null : new Date(this.clock.now().getTime() + delay);
    }
    const status = ok ? 'delivered' : nextAttemptAt ? 'pending' : 'failed';
    await this.deps.repo.recordAttempt(delivery.id, this.claimer, { at, statusCode, error, durationMs, status, nextAttemptAt });
    const fields = { delivery: delivery.id, subscriber: subscriber.id, event: delivery.event, statusCode, error, durationMs: Math.round(durationMs), nextAttemptAt };
    if (ok) this.deps.log?.info(fields, 'webhook delivered');
    else this.deps.log?.warn(fields, status === 'failed' ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry');
    return ok;
  }
}
