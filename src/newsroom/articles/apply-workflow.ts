import type { Transaction } from 'kysely';
import type { ArticleEvent } from '../../domain/article-event.js';
import type { Store } from '../../store/index.js';
import type { Database } from '../../store/schema.js';
import type { WorkflowChange } from './workflow.js';

/**
 * Writes a workflow change inside the caller's transaction: status and
 * times through the article writer (which records the public event), the
 * schedule, and, when a held wire story goes out, its wire item too.
 * Returns the event to announce after commit.
 */
export async function applyWorkflow(store: Store, trx: Transaction<Database>, id: number, change: WorkflowChange, now: Date): Promise<ArticleEvent | null> {
  const written = await store.articleWriter.update(
    id,
    { status: change.status, ...(change.publishedAt !== undefined && { publishedAt: change.publishedAt }) },
    now,
    { trx },
  );
  await trx.updateTable('articles').set({ scheduled_at: change.scheduledAt?.getTime() ?? null }).where('id', '=', id).execute();
  if (change.status === 'published') {
    await trx.updateTable('wire_items').set({ state: 'live', updated_at: now.getTime() }).where('article_id', '=', id).where('state', '=', 'held').execute();
  }
  return written.recorded;
}
