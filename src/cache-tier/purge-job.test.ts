import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CACHE_PURGE_JOB, type JobHandlerRegistry, readPurgePayload, registerCachePurge } from './purge-job.js';

type Handler = Parameters<JobHandlerRegistry['register']>[1];

function registry() {
  const handlers = new Map<string, Handler>();
  return { handlers, register: (kind: string, handler: Handler) => handlers.set(kind, handler) };
}

describe('the cache.purge job', () => {
  it('purges its keys from every configured cache', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const runner = registry();
      registerCachePurge(runner, { cachePurgeUrls: [`http://127.0.0.1:${(server.address() as AddressInfo).port}`] });
      await runner.handlers.get(CACHE_PURGE_JOB)?.run({ keys: ['a7', 'home'], mode: 'hard' }, {});
      expect(seen[0]?.['xkey-purge']).toBe('a7 home');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('completes at once when no cache is configured', async () => {
    const runner = registry();
    registerCachePurge(runner, { cachePurgeUrls: [] });
    await expect(runner.handlers.get(CACHE_PURGE_JOB)?.run({ keys: ['home'], mode: 'soft' }, {})).resolves.toBeUndefined();
  });

  it('refuses a payload that is not { keys, mode }', () => {
    for (const payload of [null, {}, { keys: 'home', mode: 'hard' }, { keys: ['home'], mode: 'gentle' }, { keys: [1], mode: 'soft' }]) {
      expect(() => readPurgePayload(payload), JSON.stringify(payload)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});
