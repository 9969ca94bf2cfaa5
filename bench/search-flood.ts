/**
 * `npm run bench:search-flood`: does a flood of searches slow the cached
 * pages? Starts Dateline on SQLite (or PostgreSQL with --postgres) with the
 * demo newsroom plus N synthetic stories, the per-address search limit off
 * (one machine floods from one address; this measures the search gate, not
 * the limiter), then measures the front page alone and again while 100
 * connections search without pause. Also reports the longest event-loop
 * stall during the flood and during a push of 500 wire items.
 *
 *   npx tsx bench/search-flood.ts [--articles 5000] [--seconds 10] [--postgres]
 */
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type { Options, Result } from 'autocannon';
import { seedSynthetic } from '../src/demo/seed-synthetic.js';
import { startTestSite } from '../test/support/test-site.js';
import { PWS_RULES, pwsStory } from '../test/wire/wire-helpers.js';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '5000' }, seconds: { type: 'string', default: '10' }, postgres: { type: 'boolean', default: false } },
});
const seconds = Number(values.seconds);
if (values.postgres && !process.env.TEST_DATABASE_URL) throw new Error('--postgres needs TEST_DATABASE_URL (a server whose user may create databases).');

const site = await startTestSite(values.postgres ? 'postgres' : 'sqlite', {
  env: { RATE_LIMIT_SEARCH: '0', RATE_LIMIT_PUSH: '0', PAGE_CACHE_SECONDS: '600', WIRE_POLLING: 'false', SCHEDULER_INTERVAL_MS: '0' },
});
try {
  process.stdout.write(`Seeding ${values.articles} synthetic stories on ${site.dialect}…\n`);
  await seedSynthetic(site.store, Number(values.articles));
  await fetch(`${site.url}/`); // into the page cache

  // The load runs in child processes: this process's event loop is the server's alone, so the
  // stalls measured below are the server's.
  const elsewhere = async (options: Options): Promise<Result> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load-child.ts', JSON.stringify(options)], { maxBuffer: 1 << 24 });
    return JSON.parse(stdout) as Result;
  };
  const run = (path: string, connections: number) => elsewhere({ url: `${site.url}${path}`, connections, duration: seconds });
  const line = (name: string, r: Result) =>
    `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}`;

  const alone = await run('/', 10);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const words = ['harbor', 'council', 'ferry', 'school', 'storm', 'budget', 'port', 'river'];
  const [front, searches] = await Promise.all([
    run('/', 10),
    elsewhere({ url: site.url, connections: 100, duration: seconds, requests: words.map((w) => ({ path: `/search?q=${w}` })) }),
  ]);
  loop.disable();
  const floodStall = loop.max / 1e6;

  const token = (await site.store.wirePush.create('bench', JSON.stringify(PWS_RULES))).token;
  const items = Array.from({ length: 500 }, (_, i) => JSON.parse(new TextDecoder().decode(pwsStory({ uri: `urn:bench:flood:${i}`, headline: `Bench item ${i} about the harbor` }))));
  const pushLoop = monitorEventLoopDelay({ resolution: 5 });
  pushLoop.enable();
  const started = performance.now();
  const pushed = await fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(items) });
  const pushMs = performance.now() - started;
  pushLoop.disable();

  process.stdout.write(`\n${site.dialect}, ${values.articles} synthetic stories, ${seconds} s per run\n`);
  process.stdout.write(`${line('front page alone (10 conn)', alone)}\n`);
  process.stdout.write(`${line('front page during flood (10 conn)', front)}\n`);
  process.stdout.write(`${line('searches (100 conn)', searches)}  (503 BUSY is the gate refusing)\n`);
  process.stdout.write(`longest event-loop stall during the flood: ${floodStall.toFixed(1)} ms\n`);
  process.stdout.write(`push of 500 items: HTTP ${pushed.status} in ${Math.round(pushMs)} ms, longest event-loop stall ${(pushLoop.max / 1e6).toFixed(1)} ms\n`);
} finally {
  await site.close();
}
