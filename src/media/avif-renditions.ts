import type { Rendition } from '../domain/media.js';
import { readBody } from '../domain/media-store.js';
import { JobError, type JobHandler } from '../jobs/job-handler.js';
import type { JobExecutor, Store } from '../store/index.js';
import { encodeRenditions, storeRenditions } from './make-renditions.js';

/** The job that adds AVIF renditions to an uploaded picture; payload `{ mediaId }`, key = the media id. */
export const AVIF_JOB = 'media.avif';

export interface AvifPayload {
  mediaId: number;
}

/**
 * Writes a new picture's row and its AVIF job in one transaction: a picture
 * never exists without the job that finishes it, and a job never names a
 * picture that was rolled back. A restart, or a node dying mid-encode, only
 * delays the AVIF; another node picks the job up.
 */
export async function queueAvifRenditions(store: Store, createRow: (trx: JobExecutor) => Promise<number>): Promise<number> {
  return store.transaction(async (trx) => {
    const mediaId = await createRow(trx);
    await store.jobs.enqueue(trx, { kind: AVIF_JOB, payload: { mediaId } satisfies AvifPayload, key: String(mediaId) });
    return mediaId;
  });
}

/**
 * Encodes the AVIF renditions from the original in the media store (so any
 * node can run it), stores them, and adds them to the picture's row in the
 * same transaction as the job's completion, recording the change so pages
 * that show the picture offer AVIF from then on.
 */
export function avifRenditionsHandler(store: Store): JobHandler<AvifPayload> {
  return {
    // One encode at a time per node: AVIF alone saturates the cores, and pages must still be served.
    concurrency: 1,
    // A large picture takes a few seconds; the heartbeat extends the lease while it runs.
    leaseMs: 60_000,
    maxAttempts: 5,
    async run(payload, ctx) {
      const row = await store.media.row(payload.mediaId);
      if (!row) {
        // Deleted since: nothing left to do.
        await ctx.complete(async () => undefined);
        return;
      }
      if (!row.original_key) throw new JobError(`picture ${row.id} has no original in the media store to encode AVIF from`, { permanent: true });
      const original = await store.mediaStore.get(row.original_key);
      // Missing may be temporary (a library being migrated between stores): retry rather than give up.
      if (!original) throw new JobError(`the original ${row.original_key} of picture ${row.id} is not in the ${store.mediaStore.kind} media store`);
      let encoded: Awaited<ReturnType<typeof encodeRenditions>>;
      try {
        encoded = await encodeRenditions(await readBody(original), { formats: ['avif'] });
      } catch (error) {
        throw new JobError(`AVIF for picture ${row.id}: ${(error as Error).message}`, { permanent: true, cause: error });
      }
      const avif = await storeRenditions(store.mediaStore, encoded.renditions);
      const entry = await ctx.complete(async (trx) => {
        const [current] = await store.media.rows([row.id], trx);
        if (!current) return undefined;
        const kept = (JSON.parse(current.renditions) as Rendition[]).filter((r) => r.format !== 'avif');
        await store.media.setRenditions(row.id, [...avif, ...kept], trx);
        // As the newsroom records a catalogue change: every node and the cache tier purge the pages that show it.
        return store.outbox.record(trx, await store.outbox.catalogPurge(trx, { kind: 'media', id: row.id }), new Date());
      });
      if (entry) store.changes.announceRecorded([entry]);
    },
  };
}
