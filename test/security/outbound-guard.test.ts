import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, OutboundError, parseAllowList, type Resolver } from '../../src/net/index.js';
import { type LoopbackServer, startLoopbackServer } from './internal-service.js';

/** Resolves names from a table, like a DNS server the attacker controls. */
function fakeDns(table: Record<string, string[]>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function refusedWith(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundError) return error.reason;
    throw error;
  }
  throw new Error('the request was not refused');
}

describe('the guarded outbound client', () => {
  let internal: LoopbackServer;
  /** A stand-in for a public agency server: on 127.0.0.2, which tests allow by range. */
  let agency: LoopbackServer;
  const agencyAllow = parseAllowList('127.0.0.2/32');

  beforeAll(async () => {
    internal = await startLoopbackServer();
    agency = await startLoopbackServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const to = url.searchParams.get('to');
      const hops = Number(url.searchParams.get('hops') ?? 0);
      if (to) return void response.writeHead(302, { location: to }).end();
      if (hops > 0) return void response.writeHead(301, { location: `/chain?hops=${hops - 1}` }).end();
      if (url.pathname === '/endless') {
        // Never ends and never says how long it is: only a streamed cap stops it.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 1);
        const pump = () => {
          while (response.write(chunk)) {
            if (response.destroyed) return;
          }
          response.once('drain', pump);
        };
        pump();
        return;
      }
      if (url.pathname === '/slow') return; // never answers
      response.end('agency ok');
    }, '127.0.0.2');
  });
  afterAll(async () => {
    await internal?.close();
    await agency?.close();
  });

  it('refuses loopback, private, link-local, CGNAT, multicast, unspecified and mapped forms given as literals', async () => {
    const port = internal.port;
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::127.0.0.1]:${port}/`,
      `http://2130706433:${port}/`, // 127.0.0.1 in decimal
      `http://0x7f.1:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://10.0.0.5/',
      'http://172.16.3.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://[fd12:3456::1]/',
      'http://224.0.0.1/',
      'http://[ff02::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:7f00:1::]/',
    ];
    for (const target of targets) {
      expect(await refusedWith(guardedFetch(target)), target).toBe('BLOCKED_ADDRESS');
    }
    expect(internal.hits).toEqual([]);
  });

  it('refuses a name that resolves inside, even when it also resolves outside, and other URL schemes', async () => {
    const resolve = fakeDns({
      'rebind.example': ['127.0.0.1'],
      'six.example': ['::1'],
      'mapped.example': ['::ffff:10.0.0.1'],
      'mixed.example': ['93.184.216.34', '127.0.0.1'],
      'metadata.example': ['169.254.169.254'],
    });
    for (const host of ['rebind.example', 'six.example', 'mapped.example', 'mixed.example', 'metadata.example']) {
      expect(await refusedWith(guardedFetch(`http://${host}:${internal.port}/`, {}, { resolve })), host).toBe('BLOCKED_ADDRESS');
    }
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1/', 'ftp://example.com/']) {
      expect(await refusedWith(guardedFetch(url)), url).toBe('BAD_URL');
    }
    expect(internal.hits).toEqual([]);
  });

  it('connects to the address it checked: a resolver that rebinds after the check never gets the connection inside', async () => {
    const calls: string[] = [];
    let answer = 0;
    // First answer is the allowed "agency", every later one is the internal service.
    const rebinding: Resolver = async (hostname) => {
      calls.push(hostname);
      return [{ address: answer++ === 0 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    };
    const url = `http://flip.example:${agency.port}/`;
    const response = await guardedFetch(url, {}, { resolve: rebinding, allow: agencyAllow });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('agency ok');
    expect(calls).toEqual(['flip.example']);
    expect(internal.hits).toEqual([]);
  });

  it('checks every redirect: an allowed host that redirects inside is refused, by literal or by name', async () => {
    const resolve = fakeDns({ 'agency.example': ['127.0.0.2'], 'internal.example': ['127.0.0.1'] });
    const base = `http://agency.example:${agency.port}`;
    for (const to of [`${internal.url}/secret`, `http://internal.example:${internal.port}/secret`, `http://[::ffff:127.0.0.1]:${internal.port}/`, 'http://169.254.169.254/']) {
      const reason = await refusedWith(guardedFetch(`${base}/go?to=${encodeURIComponent(to)}`, {}, { resolve, allow: agencyAllow }));
      expect(reason, to).toBe('BLOCKED_ADDRESS');
    }
    expect(internal.hits).toEqual([]);
  });

  it('follows at most five redirects', async () => {
    const options = { allow: agencyAllow };
    expect((await guardedFetch(`${agency.url}/chain?hops=5`, {}, options)).body.toString()).toBe('agency ok');
    expect(await refusedWith(guardedFetch(`${agency.url}/chain?hops=6`, {}, options))).toBe('TOO_MANY_REDIRECTS');
  });

  it('stops reading at the byte cap while the body streams, and gives up on a target that never answers', async () => {
    const before = process.memoryUsage().rss;
    expect(await refusedWith(guardedFetch(`${agency.url}/endless`, {}, { allow: agencyAllow, maxBytes: 256 * 1024 }))).toBe('TOO_LARGE');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    const started = Date.now();
    expect(await refusedWith(guardedFetch(`${agency.url}/slow`, {}, { allow: agencyAllow, timeoutMs: 300 }))).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reaches an internal host only when OUTBOUND_ALLOW names it', async () => {
    const resolve = fakeDns({ 'wire-mirror.internal': ['127.0.0.1'] });
    const response = await guardedFetch(`http://wire-mirror.internal:${internal.port}/feed`, {}, { resolve, allow: parseAllowList('wire-mirror.internal') });
    expect(response.status).toBe(200);
    expect(internal.hits).toEqual(['GET /feed']);
    internal.hits.length = 0;
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(/CIDR/);
    expect(() => parseAllowList('not a host!')).toThrow(/neither/);
  });
});
