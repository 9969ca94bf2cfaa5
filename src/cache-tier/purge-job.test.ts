import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobHandler } from '../jobs/index.js';
import { CACHE_PURGE_JOB, purgeBackoff, readPurgePayload, registerCachePurge } from './purge-job.js';

function registry() {
  const handlers = new Map<string, JobHandler>();
  return {
    handlers,
    register<P>(kind: string, handler: JobHandler<P>) {
      handlers.set(kind, handler as JobHandler);
    },
  };
}

function context(signal = new AbortController().signal): JobContext {
  const log = { info() {}, warn() {}, error() {} };
  return { attempt: 1, jobId: 1, signal, log, complete: async () => undefined as never };
}

describe('the cache.purge job', () => {
  const seen: Array<{ at: number; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((request, response) => {
    seen.push({ at: performance.now(), headers: request.headers });
    response.end();
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('purges its keys from every configured cache, then again once nodes have surely dropped their own copies', async () => {
    seen.length = 0;
    const runner = registry();
    registerCachePurge(runner, { cachePurgeUrls: [url] }, { echoesMs: [50, 150] });
    const started = performance.now();
    await runner.handlers.get(CACHE_PURGE_JOB)?.run({ keys: ['a7', 'home'], mode: 'hard' }, context());
    expect(seen.map((s) => s.headers['xkey-purge'])).toEqual(['a7 home', 'a7 home', 'a7 home']);
    expect(seen[1]!.at - started).toBeGreaterThanOrEqual(45);
    expect(seen[2]!.at - started).toBeGreaterThanOrEqual(145);
  });

  it('stops between purges when the job is cancelled', async () => {
    seen.length = 0;
    const runner = registry();
    registerCachePurge(runner, { cachePurgeUrls: [url] }, { echoesMs: [5000] });
    const controller = new AbortController();
    const run = runner.handlers.get(CACHE_PURGE_JOB)?.run({ keys: ['a8'], mode: 'soft' }, context(controller.signal));
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(run).rejects.toThrow('cancelled');
    expect(seen).toHaveLength(1);
  });

  it('completes at once when no cache is configured', async () => {
    const runner = registry();
    registerCachePurge(runner, { cachePurgeUrls: [] });
    await expect(runner.handlers.get(CACHE_PURGE_JOB)?.run({ keys: ['home'], mode: 'soft' }, context())).resolves.toBeUndefined();
  });

  it('fails for good on a payload that is not { keys, mode }', () => {
    for (const payload of [null, {}, { keys: 'home', mode: 'hard' }, { keys: ['home'], mode: 'gentle' }, { keys: [1], mode: 'soft' }]) {
      expect(() => readPurgePayload(payload), JSON.stringify(payload)).toThrow(expect.objectContaining({ permanent: true }));
    }
  });

  it('retries within seconds at first', () => {
    expect([1, 2, 3].map(purgeBackoff)).toEqual([250, 500, 1000]);
    expect(purgeBackoff(20)).toBe(120_000);
  });
});
