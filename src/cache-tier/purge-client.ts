import { DatelineError } from '../domain/errors.js';

/** `hard`: the objects go at once, never served again (kills). `soft`: expired but kept for grace (updates). */
export type PurgeMode = 'soft' | 'hard';

export interface PurgeOptions {
  /** How long one request to one cache may take (default 5 s). */
  timeoutMs?: number;
  /** Tests pass their own. */
  fetch?: typeof fetch;
  /** Ends the requests early (a job that is cancelled or whose node stops). */
  signal?: AbortSignal;
}

export interface PurgeOutcome {
  url: string;
  status: number;
  /** What the cache said, e.g. "Purged 12". */
  says: string;
}

const HEADER = { hard: 'xkey-purge', soft: 'xkey-softpurge' } as const;
/** Varnish refuses request headers past http_req_hdr_len (8 KB by default); stay well below. */
const MAX_HEADER_CHARS = 4000;
/** Printable ASCII without spaces or commas, the separators of the key headers. */
const KEY = /^[\x21-\x2b\x2d-\x7e]{1,200}$/;

/** Splits keys into header values no longer than `max` characters. */
export function keyBatches(keys: readonly string[], max = MAX_HEADER_CHARS): string[] {
  const batches: string[] = [];
  let current = '';
  for (const key of new Set(keys)) {
    if (current && current.length + 1 + key.length > max) {
      batches.push(current);
      current = '';
    }
    current = current ? `${current} ${key}` : key;
  }
  if (current) batches.push(current);
  return batches;
}

/**
 * Purges `keys` from every cache in `urls` (CACHE_PURGE_URLS) with
 * `PURGE /` and an `xkey-purge` or `xkey-softpurge` header, as the shipped
 * VCL expects. Throws when any cache does not answer 2xx, so the job that
 * called it is retried; purging twice is harmless. Caches sit on private
 * addresses by design, so this is plain fetch, not the guarded outbound client.
 *
 * @example await purgeCacheTier(['http://127.0.0.1:6081'], ['a123', 'home', 's4'], 'hard')
 */
export async function purgeCacheTier(urls: readonly string[], keys: readonly string[], mode: PurgeMode, options: PurgeOptions = {}): Promise<PurgeOutcome[]> {
  const bad = keys.find((key) => !KEY.test(key));
  if (bad !== undefined) {
    throw new DatelineError('BAD_INPUT', `"${bad.slice(0, 60)}" is not a purge key.`, {
      hint: 'Purge keys are printable ASCII without spaces or commas (such as a123, s4, home).',
    });
  }
  const batches = keyBatches(keys);
  if (urls.length === 0 || batches.length === 0) return [];
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = urls.flatMap((base) =>
    batches.map(async (batch): Promise<PurgeOutcome> => {
      const url = new URL('/', base).toString();
      try {
        const response = await send(url, { method: 'PURGE', headers: { [HEADER[mode]]: batch }, signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) });
        const says = (await response.text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
        return { url, status: response.status, says: response.headers.get('x-purged') !== null ? `purged ${response.headers.get('x-purged')}` : says };
      } catch (cause) {
        const reason = (cause as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause as Error).message;
        return { url, status: 0, says: reason };
      }
    }),
  );
  const outcomes = await Promise.all(attempts);
  const failed = outcomes.filter((o) => o.status < 200 || o.status > 299);
  if (failed.length > 0) {
    throw new DatelineError(
      'CACHE_PURGE_FAILED',
      `The ${mode} purge of ${keys.length} key(s) failed at ${failed.map((f) => `${f.url} (${f.status || 'unreachable'}: ${f.says})`).join(', ')}.`,
      { hint: 'Check that the cache runs and takes PURGE from this node (the purgers ACL in the VCL) and that CACHE_PURGE_URLS names it; the job is retried.' },
    );
  }
  return outcomes;
}
