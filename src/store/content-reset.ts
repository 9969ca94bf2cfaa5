import type { Tx } from './executor.js';

/** The tables of a newsroom's content, children first, so each delete leaves no row pointing at a deleted one. */
const CONTENT_TABLES = [
  'article_events',
  'article_paths',
  'article_tags',
  'article_authors',
  'articles',
  'tags',
  'authors',
  'sponsors',
  'media',
  'sections',
] as const;

/**
 * Deletes every story, tag, author, sponsor, picture row and section, in the
 * caller's transaction: what a half-done demo seeding left, before it starts
 * again (src/demo/seed-demo.ts). The section cache is the caller's to drop.
 */
export async function deleteAllContent(tx: Tx): Promise<void> {
  for (const table of CONTENT_TABLES) await tx.deleteFrom(table).execute();
}
