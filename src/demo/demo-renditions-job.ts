import { readBody } from '../domain/media-store.js';
import type { JobHandler } from '../jobs/job-handler.js';
import { JobError } from '../jobs/job-handler.js';
import { encodeRenditions, storeRenditions } from '../media/make-renditions.js';
import type { Store } from '../store/index.js';

/**
 * The job that makes every rendition (AVIF, WebP, JPEG at each width) of a
 * demo picture seeded by a first start. Seeding copies the committed JPEG
 * and serves it as the only rendition so the site answers at once; this job
 * then encodes the rest on whichever node runs jobs, and every story using
 * the picture offers them from then on. Payload `{ originalKey }`, key = the
 * original's media key: a picture several stories share is encoded once.
 */
export const DEMO_RENDITIONS_JOB = 'demo.renditions';

export interface DemoRenditionsPayload {
  originalKey: string;
}

export function demoRenditionsHandler(store: Store): JobHandler<DemoRenditionsPayload> {
  return {
    // AVIF saturates the cores: one picture at a time, so the first pages are still served briskly.
    concurrency: 1,
    leaseMs: 60_000,
    maxAttempts: 5,
    async run(payload, ctx) {
      const original = await store.mediaStore.get(payload.originalKey);
      // Missing may be temporary (a library being migrated between stores): retry rather than give up.
      if (!original) throw new JobError(`the demo picture ${payload.originalKey} is not in the ${store.mediaStore.kind} media store`);
      let encoded: Awaited<ReturnType<typeof encodeRenditions>>;
      try {
        encoded = await encodeRenditions(await readBody(original));
      } catch (error) {
        throw new JobError(`renditions of the demo picture ${payload.originalKey}: ${(error as Error).message}`, { permanent: true, cause: error });
      }
      const renditions = await storeRenditions(store.mediaStore, encoded.renditions);
      const entries = await ctx.complete(async (trx) => {
        const recorded = [];
        for (const id of await store.media.idsWithOriginal(payload.originalKey, trx)) {
          await store.media.setRenditions(id, renditions, trx);
          // Through the change path: every page showing the picture is purged and re-rendered with the new sizes.
          recorded.push(await store.outbox.record(trx, await store.outbox.catalogPurge(trx, { kind: 'media', id }), new Date()));
        }
        return recorded;
      });
      store.changes.announceRecorded(entries);
    },
  };
}
