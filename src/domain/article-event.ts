import type { ArticleStatus } from './article.js';

/**
 * What happened to a story, as subscribers (webhooks, caches, search) need to
 * know it. `changed` is any other edit that readers may see.
 */
export const ARTICLE_EVENT_KINDS = ['published', 'updated', 'corrected', 'withdrawn', 'changed'] as const;
export type ArticleEventKind = (typeof ARTICLE_EVENT_KINDS)[number];

export interface ArticleEvent {
  id: number;
  articleId: number;
  kind: ArticleEventKind;
  at: Date;
}

interface Snapshot {
  status: ArticleStatus;
  updatedAt: number | null;
}

/**
 * The event a write amounts to, from the story before and after it; null
 * when nothing public changed (a draft edited, say).
 *
 * @example eventFor({ status: 'draft', updatedAt: null }, { status: 'published', updatedAt: null }) // 'published'
 */
export function eventFor(before: Snapshot | null, after: Snapshot, corrected = false): ArticleEventKind | null {
  const wasPublic = before?.status === 'published';
  const isPublic = after.status === 'published';
  if (!wasPublic && isPublic) return 'published';
  if (wasPublic && !isPublic) return 'withdrawn';
  if (!isPublic) return null;
  if (corrected) return 'corrected';
  if (after.updatedAt !== null && after.updatedAt !== before?.updatedAt) return 'updated';
  return 'changed';
}
