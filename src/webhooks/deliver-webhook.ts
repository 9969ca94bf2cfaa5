import { type JobContext, JobError, type JobHandler } from '../jobs/index.js';
import type { WebhookRepo } from '../store/webhook-repo.js';
import { DEFAULT_RETRY_SCHEDULE_MS, retryDelay } from './backoff.js';
import { describeSendError, type SendWebhook } from './send-webhook.js';
import { webhookBody } from './webhook-payload.js';
import { signedHeaders } from './webhook-signature.js';

/** A `webhook.deliver` job's payload. The subscriber id lets sends to one receiver keep their order before any read. */
export interface DeliverPayload {
  deliveryId: number;
  subscriberId?: number;
}

export interface DeliverDeps {
  repo: WebhookRepo;
  send: SendWebhook;
  /** Delays before each retry; attempts = its length + 1. */
  retrySchedule?: readonly number[];
  timeoutMs?: number;
  now?: () => Date;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
}

/**
 * The `webhook.deliver` handler: sends one delivery, signed, and logs the
 * attempt. A failure is retried by the job queue on the webhook schedule
 * (the job's next run is the attempt's "retry at"); when the schedule is
 * used up, or the receiver answers 410 Gone (its subscriber is disabled),
 * the delivery and its job fail for good. On one node a receiver's
 * deliveries go out one at a time, in the order their jobs were claimed.
 */
export function deliverWebhookHandler(deps: DeliverDeps): JobHandler<DeliverPayload> {
  const schedule = deps.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const now = deps.now ?? (() => new Date());
  const inOrder = orderedBy<number>();
  return {
    concurrency: 8,
    // The schedule decides; the margin covers attempts a dying node started but never logged.
    maxAttempts: schedule.length + 4,
    leaseMs: timeoutMs + 30_000,
    run: (payload, ctx) => inOrder(payload.subscriberId, () => deliver(payload.deliveryId, ctx)),
  };

  async function deliver(deliveryId: number, ctx: JobContext): Promise<void> {
    const delivery = await deps.repo.toSend(deliveryId);
    // Removed with its subscriber, or already delivered or failed: nothing to send.
    if (delivery?.status !== 'pending') return;
    const { subscriber } = delivery;
    if (subscriber.status !== 'active') {
      await deps.repo.abandon(deliveryId, `not sent: the subscriber was disabled (${subscriber.disabledReason ?? 'by hand'})`);
      return;
    }
    const at = now();
    const body = webhookBody({ deliveryId, eventId: delivery.eventId, event: delivery.event, occurredAt: delivery.occurredAt, articleJson: delivery.articleJson });
    const headers = signedHeaders({ secret: subscriber.secret, body, at, event: delivery.event, deliveryId: String(deliveryId) });
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      ({ status: statusCode } = await deps.send({ url: subscriber.url, headers: { ...headers }, body, timeoutMs }));
    } catch (cause) {
      error = describeSendError(cause, timeoutMs);
    }
    const durationMs = performance.now() - started;
    const fields = { delivery: deliveryId, subscriber: subscriber.id, event: delivery.event, statusCode, error, durationMs: Math.round(durationMs) };
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      // The attempt's log and the job's completion commit together.
      await ctx.complete((trx) => deps.repo.recordAttempt(deliveryId, { at, statusCode, error, durationMs, status: 'delivered', nextAttemptAt: null }, trx));
      ctx.log.info(fields, 'webhook delivered');
      return;
    }
    if (statusCode === 410) {
      // The receiver says it is gone for good: stop sending to it rather than retrying for hours.
      error = 'the receiver answered 410 Gone; subscriber disabled';
      await deps.repo.disable(subscriber.id, `answered 410 Gone at ${at.toISOString()}`);
      await deps.repo.recordAttempt(deliveryId, { at, statusCode, error, durationMs, status: 'failed', nextAttemptAt: null });
      throw new JobError(error, { permanent: true });
    }
    error ??= `the receiver answered ${statusCode}`;
    const delay = retryDelay(delivery.attempts + 1, schedule, deps.random);
    const nextAttemptAt = delay === null ? null : new Date(now().getTime() + delay);
    await deps.repo.recordAttempt(deliveryId, { at, statusCode, error, durationMs, status: nextAttemptAt ? 'pending' : 'failed', nextAttemptAt });
    throw new JobError(error, delay === null ? { permanent: true } : { retryInMs: delay });
  }
}

/** Runs calls with the same key one after another, in the order they were made; calls without a key at once. */
function orderedBy<K>() {
  const tails = new Map<K, Promise<unknown>>();
  return async <T>(key: K | undefined, work: () => Promise<T>): Promise<T> => {
    if (key === undefined) return work();
    const before = tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => {});
    tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
