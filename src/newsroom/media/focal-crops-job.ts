import { readBody } from '../../domain/media-store.js';
import { JobError, type JobHandler } from '../../jobs/job-handler.js';
import { makeFocalCrops } from '../../media/focal-crops.js';
import type { Store, Tx } from '../../store/index.js';
import { recordCatalogChange } from '../settings/announce-change.js';

/** The job that cuts a picture's crops again around its focal point; payload `{ mediaId }`, key = the media id. */
export const FOCAL_CROPS_JOB = 'media.crops';

export interface FocalCropsPayload {
  mediaId: number;
}

/** Queues new crops in the caller's transaction (the one that moved the focal point), once per picture. */
export async function queueFocalCrops(store: Store, trx: Tx, mediaId: number): Promise<void> {
  await store.jobs.enqueue(trx, { kind: FOCAL_CROPS_JOB, payload: { mediaId } satisfies FocalCropsPayload, key: String(mediaId) });
}

/**
 * Cuts the crops from the original in the media store around the focal
 * point the row has when the job runs (two quick moves make one set), then
 * stores them with the job's completion and records the change, so every
 * page showing the picture (and the cache tier) drops its old social image.
 */
export function focalCropsHandler(store: Store): JobHandler<FocalCropsPayload> {
  return {
    concurrency: 1,
    leaseMs: 60_000,
    maxAttempts: 5,
    async run(payload, ctx) {
      const row = await store.media.cropSource(payload.mediaId);
      if (!row) {
        await ctx.complete(async () => undefined);
        return;
      }
      if (!row.originalKey) throw new JobError(`picture ${row.id} has no original in the media store to crop from`, { permanent: true });
      const original = await store.mediaStore.get(row.originalKey);
      if (!original) throw new JobError(`the original ${row.originalKey} of picture ${row.id} is not in the ${store.mediaStore.kind} media store`);
      const focal = { x: row.focalX, y: row.focalY };
      let crops: Awaited<ReturnType<typeof makeFocalCrops>>;
      try {
        crops = await makeFocalCrops(await readBody(original), focal, store.mediaStore);
      } catch (error) {
        throw new JobError(`crops for picture ${row.id}: ${(error as Error).message}`, { permanent: true, cause: error });
      }
      const entry = await ctx.complete(async (trx) => {
        await store.media.setCrops(row.id, crops, trx);
        return recordCatalogChange(store, trx, { kind: 'media', id: row.id });
      });
      if (entry) store.changes.announceRecorded([entry]);
    },
  };
}
