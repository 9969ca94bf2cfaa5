import type { Article } from '../domain/article.js';
import type { WebhookEventKind } from '../domain/webhook.js';

/** The story as a delivery describes it. */
export interface WebhookArticle {
  id: number;
  /** Absolute address of the story's page. */
  url: string;
  headline: string;
  section: { id: number; slug: string; name: string };
  publishedAt: string | null;
  updatedAt: string | null;
  status: 'published' | 'withdrawn';
  /** Present only while the story is public: a withdrawn story's text is not handed out. */
  summary?: string;
  bodyHtml?: string;
}

/**
 * The `article` part of a payload, taken when the delivery is created. Its
 * status follows the event, not the story's later life; its text is left
 * out for a withdrawal, and whenever the story is no longer published by the
 * time the event is read (a late `published` must not leak a withdrawn text).
 */
export function webhookArticle(article: Article, event: WebhookEventKind, siteUrl: string): WebhookArticle {
  const result: WebhookArticle = {
    id: article.id,
    url: new URL(article.path, `${siteUrl.replace(/\/+$/, '')}/`).toString(),
    headline: article.headline,
    section: { id: article.section.id, slug: article.section.slug, name: article.section.name },
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt?.toISOString() ?? null,
    status: event === 'withdrawn' ? 'withdrawn' : 'published',
  };
  if (event !== 'withdrawn' && article.status === 'published') {
    result.summary = article.summary;
    result.bodyHtml = article.bodyHtml;
  }
  return result;
}

/**
 * The body of one delivery. `id` is the delivery id (also sent as
 * X-Dateline-Delivery); `eventId` is the same for every subscriber of an event.
 */
export function webhookBody(input: {
  deliveryId: number;
  eventId: number;
  event: WebhookEventKind;
  occurredAt: Date;
  articleJson: string;
}): string {
  return JSON.stringify({
    id: String(input.deliveryId),
    eventId: input.eventId,
    event: input.event,
    occurredAt: input.occurredAt.toISOString(),
    article: JSON.parse(input.articleJson),
  });
}
