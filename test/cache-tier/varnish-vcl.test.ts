// The shipped VCL (deploy/varnish/dateline.vcl) in a real varnishd, in front of two small stand-in
// nodes whose behaviour each test controls: what is cached, passed, purged, retried and kept.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { purgeCacheTier } from '../../src/cache-tier/purge-client.js';
import { SKIP_VARNISH, startVarnish, type TestVarnish } from '../support/varnish.js';

interface Seen {
  url: string;
  cookie: string | undefined;
}

/** A stand-in app node: pages carry the Cache-Control and xkey header the query asks for. */
class StandInNode {
  readonly seen: Seen[] = [];
  healthy = true;
  /** Answer every page with this status (a node losing its database), or drop the connection (a node dying mid-request). */
  failWith: number | 'drop' | undefined;
  private served = 0;
  /** Upgraded connections are no longer the server's: close() ends them itself. */
  private readonly upgraded = new Set<Duplex>();
  private readonly server: http.Server;
  port = 0;

  constructor(readonly name: string) {
    this.server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://node');
      if (url.pathname === '/healthz') {
        response.writeHead(this.healthy ? 200 : 503, { 'cache-control': 'no-store' }).end();
        return;
      }
      this.seen.push({ url: request.url ?? '', cookie: request.headers.cookie });
      if (this.failWith === 'drop') {
        request.socket.destroy();
        return;
      }
      if (this.failWith) {
        response.writeHead(this.failWith, { 'cache-control': 'no-store' }).end('failing');
        return;
      }
      this.served += 1;
      const headers: Record<string, string> = {
        'content-type': 'text/plain',
        'cache-control': url.searchParams.get('cc') ?? 'public, max-age=60, s-maxage=60',
        xkey: url.searchParams.get('keys') ?? 'home',
      };
      if (url.searchParams.has('set-cookie')) headers['set-cookie'] = 'tracking=1';
      response.writeHead(Number(url.searchParams.get('status') ?? 200), headers).end(`${this.name} #${this.served}`);
    });
    // WebSockets: answer the upgrade and echo what arrives.
    this.server.on('upgrade', (_request, socket) => {
      this.upgraded.add(socket);
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      socket.on('data', (data) => socket.write(`echo ${data.toString()}`));
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      }),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    for (const socket of this.upgraded) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.seen.length = 0;
    this.healthy = true;
    this.failWith = undefined;
  }
}

/** A port nothing listens on: a node that is down. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let unique = 0;
/** A fresh URL, so each test starts with nothing cached. */
function page(query: Record<string, string> = {}): string {
  unique += 1;
  return `/page-${unique}-${Date.now()}?${new URLSearchParams(query)}`;
}

async function get(varnish: TestVarnish, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${varnish.url}${path}`, { headers });
  return { status: response.status, body: await response.text(), cache: response.headers.get('x-cache'), headers: response.headers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(SKIP_VARNISH)('the shipped VCL in varnishd', () => {
  const one = new StandInNode('one');
  const two = new StandInNode('two');
  let varnish: TestVarnish;

  beforeAll(async () => {
    await one.listen();
    await two.listen();
    varnish = await startVarnish({
      nodes: [
        { host: '127.0.0.1', port: one.port },
        { host: '127.0.0.1', port: two.port },
      ],
    });
  });

  afterAll(async () => {
    await varnish?.stop();
    await one.close();
    await two.close();
  });

  beforeEach(() => {
    one.reset();
    two.reset();
  });

  it('caches reader pages by their Cache-Control and says hit or miss', async () => {
    const path = page();
    const first = await get(varnish, path);
    const second = await get(varnish, path);
    expect(first).toMatchObject({ status: 200, cache: 'miss' });
    expect(second).toMatchObject({ status: 200, cache: 'hit', body: first.body });
    expect(one.seen.length + two.seen.length).toBe(1);
  });

  it('never hands one reader’s private, cookie-setting, refused or failed response to another', async () => {
    for (const query of [{ cc: 'private, no-store' }, { cc: 'no-store' }, { 'set-cookie': '1' }, { status: '429' }, { status: '403' }, { status: '400' }] as Record<string, string>[]) {
      const path = page(query);
      await get(varnish, path);
      expect((await get(varnish, path)).cache, JSON.stringify(query)).not.toBe('hit');
    }
  });

  it('strips cookies on reader pages and keeps them for the newsroom and the wire push endpoint', async () => {
    const cookie = 'dateline_session=abc';
    await get(varnish, page(), { cookie });
    for (const path of ['/admin/api/session', '/admin', '/wire/ingest']) {
      const response = await get(varnish, path, { cookie });
      expect(response.cache, path).toBe('pass');
    }
    const seen = [...one.seen, ...two.seen];
    expect(seen.find((s) => s.url.startsWith('/page'))?.cookie).toBeUndefined();
    for (const path of ['/admin/api/session', '/admin', '/wire/ingest']) expect(seen.find((s) => s.url === path)?.cookie, path).toBe(cookie);
  });

  it('passes requests that carry credentials, and anything but GET and HEAD', async () => {
    const path = page();
    await get(varnish, path);
    expect((await get(varnish, path, { authorization: 'Bearer k' })).cache).toBe('pass');
    expect((await get(varnish, `${path}&api_key=k`)).cache).toBe('pass');
    const post = await fetch(`${varnish.url}${path}`, { method: 'POST', body: 'x' });
    expect(post.headers.get('x-cache')).toBe('pass');
  });

  it('serves one copy whatever campaign parameters a link carries', async () => {
    const path = page({ keys: 'a1' });
    await get(varnish, path);
    expect((await get(varnish, `${path}&utm_source=newsletter&utm_medium=email`)).cache).toBe('hit');
    expect((await get(varnish, `${path}&fbclid=xyz`)).cache).toBe('hit');
  });

  it('hard-purges by key: the next reader gets a fresh copy, never the old one', async () => {
    const story = page({ keys: 'a901 s4 home' });
    const other = page({ keys: 'a902' });
    const before = await get(varnish, story);
    await get(varnish, other);
    const [outcome] = await purgeCacheTier([varnish.url], ['a901'], 'hard');
    expect(outcome).toMatchObject({ status: 200, says: 'purged 1' });
    const after = await get(varnish, story);
    expect(after.cache).toBe('miss');
    expect(after.body).not.toBe(before.body);
    expect((await get(varnish, other)).cache).toBe('hit');
  });

  it('soft-purges by key: one reader may get the old copy while the new one is fetched', async () => {
    const front = page({ keys: 's77 home' });
    const before = await get(varnish, front);
    await purgeCacheTier([varnish.url], ['s77'], 'soft');
    const during = await get(varnish, front);
    expect(during.cache).toBe('hit-stale');
    expect(during.body).toBe(before.body);
    await sleep(200);
    const after = await get(varnish, front);
    expect(after.cache).toBe('hit');
    expect(after.body).not.toBe(before.body);
  });

  it('takes PURGE only from the purgers ACL, and only with keys', async () => {
    const refused = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'home' }, localAddress: '127.0.0.2' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.once('error', reject);
      request.end();
    });
    expect(refused).toBe(403);
    expect((await fetch(`${varnish.url}/`, { method: 'PURGE' })).status).toBe(400);
  });

  it('pipes WebSocket upgrades to a node', async () => {
    const socket = net.connect(varnish.port, '127.0.0.1');
    const received: string[] = [];
    socket.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));
    socket.write('GET /live HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    await sleep(200);
    socket.write('ping');
    await sleep(200);
    socket.destroy();
    expect(received.join('')).toMatch(/^HTTP\/1\.1 101 Switching Protocols[\s\S]*echo ping/);
  });

  it('asks the other node when one answers 5xx or drops the connection', async () => {
    for (const failure of [503, 'drop'] as const) {
      one.failWith = failure;
      for (let i = 0; i < 6; i++) {
        const response = await get(varnish, page());
        expect(response.status, String(failure)).toBe(200);
        expect(response.body).toMatch(/^two /);
      }
    }
  });
});

describe.skipIf(SKIP_VARNISH)('the shipped VCL when nodes die', () => {
  it('sends readers to a live node when one is down, before and after its probe notices', async () => {
    const alive = new StandInNode('alive');
    await alive.listen();
    const varnish = await startVarnish({
      nodes: [
        { host: '127.0.0.1', port: await deadPort() },
        { host: '127.0.0.1', port: alive.port },
      ],
    });
    try {
      for (let i = 0; i < 20; i++) expect((await get(varnish, page())).status).toBe(200);
      await sleep(3500);
      for (let i = 0; i < 20; i++) expect((await get(varnish, page())).status).toBe(200);
    } finally {
      await varnish.stop();
      await alive.close();
    }
  });

  it('serves the last copy of a page while every node fails or is down, even long after it expired', async () => {
    const node = new StandInNode('only');
    await node.listen();
    const varnish = await startVarnish({ nodes: [{ host: '127.0.0.1', port: node.port }] });
    try {
      const path = page({ cc: 'public, max-age=1, s-maxage=1' });
      const cached = await get(varnish, path);
      // Past its TTL and past the 10 s a healthy cluster serves a stale copy for.
      await sleep(12_000);
      // The node fails before its probe notices: every fetch fails, the old copy answers, and stays.
      node.failWith = 500;
      for (let i = 0; i < 3; i++) expect(await get(varnish, path)).toMatchObject({ status: 200, body: cached.body, cache: 'hit-stale' });
      // The node is gone and marked sick: still the old copy, for up to a day.
      await node.close();
      await sleep(3500);
      expect(await get(varnish, path)).toMatchObject({ status: 200, body: cached.body });
      // A page never fetched has no copy to fall back on.
      const never = await get(varnish, page());
      expect(never.status).toBe(503);
      expect(never.body).toContain('Back in a moment');
      expect(never.headers.get('cache-control')).toBe('no-store');
    } finally {
      await varnish.stop();
    }
  }, 40_000);
});
