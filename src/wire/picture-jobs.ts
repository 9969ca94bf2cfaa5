import { JOB_KINDS, JobError, type JobHandler, type JobRunner } from '../jobs/index.js';
import type { Store } from '../store/index.js';
import { type PictureDeskOptions, runPictureFetches } from './picture-desk.js';

/** A `wire.picture` job's payload. */
export interface PicturePayload {
  fetchId: number;
}

/**
 * `wire.picture`: one queued picture fetch, tried when it is due. The fetch
 * row keeps the picture desk's own count and backoff (a minute, doubling,
 * given up after 8 tries); the job follows it: a failed try is retried at
 * the row's next time, a given-up one fails the job with the reason, so
 * `dateline jobs list --state failed` shows it. A fetch already made (by
 * ingest's own try, or `dateline wire retry-pictures`) ends the job at once.
 */
export function pictureJobHandler(store: Store, options: PictureDeskOptions): JobHandler<PicturePayload> {
  const now = options.now ?? (() => new Date());
  return {
    concurrency: 2,
    // The desk counts tries; a job's extra attempts only go to waiting out another node's try.
    maxAttempts: 50,
    leaseMs: 60_000,
    async run({ fetchId }) {
      const [row] = await store.wire.pictureFetches([fetchId]);
      if (!row || row.done_at !== null) return;
      const wait = row.next_attempt_at - now().getTime();
      if (wait > 0) throw new JobError('the picture is not due yet (another try is under way, or it was put off)', { retryInMs: wait });
      const result = await runPictureFetches(store, [row], { ...options, inJob: true });
      if (result.fetched > 0) return;
      const [after] = await store.wire.pictureFetches([fetchId]);
      const reason = after?.last_error ?? 'the picture could not be fetched';
      if (result.gaveUp > 0 || !after || after.done_at !== null) throw new JobError(`${reason}; given up`, { permanent: true });
      throw new JobError(reason, { retryInMs: Math.max(0, after.next_attempt_at - now().getTime()) });
    },
  };
}

/** Lets this node's runner fetch queued wire pictures. */
export function registerPictureJobs(runner: JobRunner, store: Store, options: PictureDeskOptions): void {
  runner.register(JOB_KINDS.wirePicture, pictureJobHandler(store, options));
}
