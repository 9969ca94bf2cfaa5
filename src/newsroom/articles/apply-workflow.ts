import type { ArticleEvent } from '../../domain/article-event.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { Store, Tx } from '../../store/index.js';
import type { WorkflowChange } from './workflow.js';

/**
 * Writes a workflow change inside the caller's transaction: status and
 * times through the article writer (which records the public event), the
 * schedule with its `article.publish` job, and, when a held wire story goes
 * out, its wire item too.
 * Returns the event to announce after commit.
 */
export async function applyWorkflow(store: Store, trx: Tx, id: number, change: WorkflowChange, now: Date): Promise<ArticleEvent | null> {
  const written = await store.articleWriter.update(
    id,
    { status: change.status, ...(change.publishedAt !== undefined && { publishedAt: change.publishedAt }) },
    now,
    { trx },
  );
  await store.schedule.set(trx, id, change.scheduledAt ?? null, change.status === 'scheduled' ? (change.scheduledFrom ?? null) : null);
  if (change.status === 'scheduled' && change.scheduledAt) {
    // Its publish job commits with the schedule; a new time moves the waiting job rather than adding one.
    const payload = { articleId: id };
    await store.jobs.enqueue(trx, { kind: JOB_KINDS.articlePublish, payload, runAt: change.scheduledAt, key: String(id), replace: true }, now);
  }
  if (change.status === 'published') await store.wire.releaseHeld(trx, id, now);
  return written.recorded;
}
