import type { Config } from '../config.js';
import { JOB_KINDS, type JobRunner } from '../jobs/index.js';
import type { Store } from '../store/index.js';
import { deliverWebhookHandler } from './deliver-webhook.js';
import { webhookSender } from './send-webhook.js';
import { type DispatcherLog, WebhookDispatcher } from './webhook-dispatcher.js';

export { type DeliverDeps, type DeliverPayload, deliverWebhookHandler } from './deliver-webhook.js';
export { type SendWebhook, sendWithFetch, type WebhookRequest, webhookSender } from './send-webhook.js';
export { type Clock, type DispatcherOptions, WebhookDispatcher } from './webhook-dispatcher.js';
export { signatureFor, verifySignature } from './webhook-signature.js';

/**
 * Starts this node's webhook dispatcher (outbox events to deliveries and
 * their send jobs), woken by the store's change feed; returns its stop
 * function. A no-op when WEBHOOKS=false.
 */
export function startWebhooks(store: Store, config: Readonly<Config>, log?: DispatcherLog): () => Promise<void> {
  if (!config.webhooks) return async () => {};
  const dispatcher = new WebhookDispatcher(
    { repo: store.webhooks, jobs: store.jobs, articles: store.articles, siteUrl: config.siteUrl, ...(log && { log }) },
  );
  dispatcher.start(store.changes);
  return () => dispatcher.stop();
}

/** Lets this node's job runner send deliveries (`webhook.deliver`). A no-op when WEBHOOKS=false. */
export function registerWebhookJobs(runner: JobRunner, store: Store, config: Readonly<Config>, now?: () => Date): void {
  if (!config.webhooks) return;
  runner.register(
    JOB_KINDS.webhookDeliver,
    deliverWebhookHandler({ repo: store.webhooks, send: webhookSender({ allow: config.outboundAllow }), retrySchedule: config.webhookRetrySchedule, ...(now && { now }) }),
  );
}
