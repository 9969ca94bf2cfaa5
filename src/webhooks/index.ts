import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { webhookSender } from './send-webhook.js';
import { type DispatcherLog, WebhookDispatcher } from './webhook-dispatcher.js';

export { type SendWebhook, sendWithFetch, type WebhookRequest, webhookSender } from './send-webhook.js';
export { type Clock, type DispatcherOptions, WebhookDispatcher } from './webhook-dispatcher.js';
export { signatureFor, verifySignature } from './webhook-signature.js';

/**
 * Starts this node's webhook dispatcher, woken by the store's change feed;
 * returns its stop function. A no-op when WEBHOOKS=false.
 */
export function startWebhooks(store: Store, config: Readonly<Config>, log?: DispatcherLog): () => Promise<void> {
  if (!config.webhooks) return async () => {};
  const dispatcher = new WebhookDispatcher(
    { repo: store.webhooks, articles: store.articles, siteUrl: config.siteUrl, send: webhookSender({ allow: config.outboundAllow }), ...(log && { log }) },
    { retrySchedule: config.webhookRetrySchedule },
  );
  dispatcher.start(store.changes);
  return () => dispatcher.stop();
}
