import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyBatches, purgeCacheTier } from './purge-client.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A cache that records purges and answers with the status its path asks for. */
function fakeCache(status: number, delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    setTimeout(() => response.writeHead(status, { 'x-purged': '3' }).end('ok'), delayMs);
  });
  return {
    received,
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/some/path`,
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('purgeCacheTier', () => {
  const good = fakeCache(200);
  const second = fakeCache(200);
  const refusing = fakeCache(403);
  const slow = fakeCache(200, 2000);

  beforeAll(async () => {
    for (const cache of [good, second, refusing, slow]) await cache.listen();
  });
  afterAll(async () => {
    for (const cache of [good, second, refusing, slow]) await cache.close();
  });

  it('sends PURGE / to every cache with the keys in xkey-purge (hard) or xkey-softpurge (soft)', async () => {
    const outcomes = await purgeCacheTier([good.url(), second.url()], ['a123', 'home', 's4'], 'hard');
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes[0]?.says).toBe('purged 3');
    for (const cache of [good, second]) {
      expect(cache.received.at(-1)).toMatchObject({ method: 'PURGE', url: '/', headers: { 'xkey-purge': 'a123 home s4' } });
    }
    await purgeCacheTier([good.url()], ['a123'], 'soft');
    expect(good.received.at(-1)?.headers['xkey-softpurge']).toBe('a123');
    expect(good.received.at(-1)?.headers['xkey-purge']).toBeUndefined();
  });

  it('does nothing without caches or keys', async () => {
    const before = good.received.length;
    expect(await purgeCacheTier([], ['home'], 'hard')).toEqual([]);
    expect(await purgeCacheTier([good.url()], [], 'hard')).toEqual([]);
    expect(good.received.length).toBe(before);
  });

  it('fails, naming the cache, when one answers non-2xx, is unreachable or too slow, so the job retries', async () => {
    await expect(purgeCacheTier([good.url(), refusing.url()], ['home'], 'hard')).rejects.toMatchObject({
      code: 'CACHE_PURGE_FAILED',
      message: expect.stringContaining(`${new URL('/', refusing.url())} (403`),
    });
    await expect(purgeCacheTier(['http://127.0.0.1:1'], ['home'], 'soft')).rejects.toMatchObject({ code: 'CACHE_PURGE_FAILED', message: expect.stringContaining('unreachable') });
    await expect(purgeCacheTier([slow.url()], ['home'], 'hard', { timeoutMs: 100 })).rejects.toMatchObject({ message: expect.stringContaining('no answer within 100 ms') });
  });

  it('refuses keys that would break the header', async () => {
    await expect(purgeCacheTier([good.url()], ['a1 home'], 'hard')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(purgeCacheTier([good.url()], ['a1,home'], 'hard')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('keyBatches', () => {
  it('keeps every header value short enough for Varnish and drops repeated keys', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `a${i}`);
    const batches = keyBatches([...keys, 'a1'], 4000);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(4000);
    expect(batches.join(' ').split(' ')).toEqual(keys);
  });
});
