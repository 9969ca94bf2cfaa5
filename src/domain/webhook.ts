import type { ArticleEventKind } from './article-event.js';
import { DatelineError } from './errors.js';

/** The story events a webhook can carry; `changed` (edits readers need not be told about) is never sent. */
export const WEBHOOK_EVENT_KINDS = ['published', 'updated', 'corrected', 'withdrawn'] as const satisfies readonly ArticleEventKind[];
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

/** A receiver of signed POSTs. `disabled` after it answered 410 Gone. */
export interface WebhookSubscriber {
  id: number;
  url: string;
  secret: string;
  events: WebhookEventKind[];
  status: 'active' | 'disabled';
  disabledReason: string | null;
  /** Outbox events up to this id happened before the subscriber was added and are never sent to it. */
  startAfterEventId: number;
  createdAt: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one subscriber, with where its sending stands. */
export interface WebhookDelivery {
  id: number;
  subscriberId: number;
  eventId: number;
  event: WebhookEventKind;
  articleId: number;
  headline: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** One try at sending a delivery: the receiver's status code or the network error, and what comes next. */
export interface WebhookAttempt {
  id: number;
  deliveryId: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  nextAttemptAt: Date | null;
}

/**
 * Checks a subscriber's address: an absolute http(s) URL.
 *
 * @example parseWebhookUrl('https://hooks.example.com/dateline') // 'https://hooks.example.com/dateline'
 */
export function parseWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DatelineError('BAD_INPUT', `"${raw}" is not a URL.`, {
      hint: 'Give the full address of the receiver, such as https://hooks.example.com/dateline.',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DatelineError('BAD_INPUT', `Webhook URLs must use http or https; "${raw}" uses ${url.protocol.replace(/:$/, '')}.`, {
      hint: 'Give an http:// or https:// address (https for anything outside your own network).',
    });
  }
  return url.toString();
}

/**
 * Reads a comma-separated list of event kinds; an empty or absent list means all of them.
 *
 * @example parseWebhookEvents('published, withdrawn') // ['published', 'withdrawn']
 */
export function parseWebhookEvents(raw: string | undefined): WebhookEventKind[] {
  if (raw === undefined || raw.trim() === '') return [...WEBHOOK_EVENT_KINDS];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(WEBHOOK_EVENT_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new DatelineError('BAD_INPUT', `Unknown webhook event(s): ${unknown.join(', ')}.`, {
      hint: `Choose from ${WEBHOOK_EVENT_KINDS.join(', ')}, separated by commas.`,
    });
  }
  // Kept in canonical order so listings read the same however they were typed.
  return WEBHOOK_EVENT_KINDS.filter((k) => names.includes(k));
}

export function isWebhookEventKind(kind: string): kind is WebhookEventKind {
  return (WEBHOOK_EVENT_KINDS as readonly string[]).includes(kind);
}
