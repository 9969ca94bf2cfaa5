import type { Config } from '../config.js';
import { CACHE_PURGE_JOB } from '../domain/cache-keys.js';
import { JobError, type JobHandler } from '../jobs/index.js';
import { type PurgeMode, type PurgeOptions, purgeCacheTier } from './purge-client.js';

export { CACHE_PURGE_JOB };

export interface CachePurgePayload {
  keys: string[];
  mode: PurgeMode;
}

/** The part of the jobs runner this needs. */
export interface JobHandlerRegistry {
  register<P>(kind: string, handler: JobHandler<P>): unknown;
}

/**
 * After the first purge, the same keys are purged again this long after it.
 * The job can run before every node has read the change from the outbox and
 * dropped the page from its own page cache (on PostgreSQL that is NOTIFY,
 * milliseconds; a lost notification costs up to the 1 s poll); a reader
 * arriving in between makes Varnish fetch the old page from such a node and
 * keep it. The later purges remove that copy.
 */
export const ECHO_PURGES_MS: readonly number[] = [400, 1500];

/** Purges matter within seconds: retry fast, then give up after about ten minutes (a restarted Varnish starts empty). */
export function purgeBackoff(attempt: number): number {
  return [250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000][attempt - 1] ?? 120_000;
}

/** Checks a stored payload; one that is not `{ keys, mode }` fails for good, since no retry can mend it. */
export function readPurgePayload(payload: unknown): CachePurgePayload {
  const value = payload as Partial<CachePurgePayload> | null;
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray(value.keys) ||
    !value.keys.every((key) => typeof key === 'string') ||
    (value.mode !== 'soft' && value.mode !== 'hard')
  ) {
    throw new JobError(`A ${CACHE_PURGE_JOB} job's payload must be { keys: string[], mode: 'soft' | 'hard' }; got ${JSON.stringify(payload)?.slice(0, 200)}.`, { permanent: true });
  }
  return { keys: value.keys, mode: value.mode };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Runs `cache.purge` jobs (queued with every change readers can see): each
 * purges its keys from every cache in CACHE_PURGE_URLS, hard for kills and
 * soft for updates, then again after ECHO_PURGES_MS. A cache that does not
 * answer 2xx fails the attempt and the jobs module retries it on
 * purgeBackoff; purging twice is harmless.
 *
 * @example registerCachePurge(runner, config)
 */
export function registerCachePurge(
  runner: JobHandlerRegistry,
  config: Pick<Readonly<Config>, 'cachePurgeUrls'>,
  options: PurgeOptions & { echoesMs?: readonly number[] } = {},
): void {
  const echoes = options.echoesMs ?? ECHO_PURGES_MS;
  runner.register<unknown>(CACHE_PURGE_JOB, {
    // Each job mostly waits (on the network, between echoes): many run at once.
    concurrency: 32,
    maxAttempts: 12,
    backoff: purgeBackoff,
    async run(payload, ctx) {
      const { keys, mode } = readPurgePayload(payload);
      if (config.cachePurgeUrls.length === 0) return;
      await purgeCacheTier(config.cachePurgeUrls, keys, mode, { ...options, signal: ctx.signal });
      let waited = 0;
      for (const at of echoes) {
        await sleep(at - waited, ctx.signal);
        waited = at;
        await purgeCacheTier(config.cachePurgeUrls, keys, mode, { ...options, signal: ctx.signal });
      }
    },
  });
}
