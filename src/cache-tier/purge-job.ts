import type { Config } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { type PurgeMode, type PurgeOptions, purgeCacheTier } from './purge-client.js';

/** The job kind the outbox follower enqueues for every change readers can see. */
export const CACHE_PURGE_JOB = 'cache.purge';

export interface CachePurgePayload {
  keys: string[];
  mode: PurgeMode;
}

/** The part of the jobs runner this needs: a handler per kind (src/jobs). */
export interface JobHandlerRegistry {
  register(kind: string, handler: { run(payload: unknown, ctx: unknown): Promise<unknown> }): unknown;
}

/** Checks a stored payload; one written by an older or newer version fails with what was wrong. */
export function readPurgePayload(payload: unknown): CachePurgePayload {
  const value = payload as Partial<CachePurgePayload> | null;
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray(value.keys) ||
    !value.keys.every((key) => typeof key === 'string') ||
    (value.mode !== 'soft' && value.mode !== 'hard')
  ) {
    throw new DatelineError('BAD_INPUT', `A ${CACHE_PURGE_JOB} job's payload is not { keys: string[], mode: 'soft' | 'hard' }: ${JSON.stringify(payload)?.slice(0, 200)}.`, {
      hint: 'Cancel the job (dateline jobs cancel ID); the change it was for is purged by its own job.',
    });
  }
  return { keys: value.keys, mode: value.mode };
}

/**
 * Runs `cache.purge` jobs: each purges its keys from every cache in
 * CACHE_PURGE_URLS. A cache that does not answer 2xx fails the job, and
 * the jobs module retries it with backoff. Without CACHE_PURGE_URLS the
 * jobs complete at once (a single node has only its in-process page cache).
 *
 * @example registerCachePurge(runner, config)
 */
export function registerCachePurge(runner: JobHandlerRegistry, config: Pick<Readonly<Config>, 'cachePurgeUrls'>, options: PurgeOptions = {}): void {
  runner.register(CACHE_PURGE_JOB, {
    async run(payload) {
      const { keys, mode } = readPurgePayload(payload);
      await purgeCacheTier(config.cachePurgeUrls, keys, mode, options);
    },
  });
}
