/**
 * `npm run bench:related`: related stories at archive scale (issue 14).
 *
 * For each database (SQLite; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), seeds the demo
 * newsroom plus N synthetic stories, gives them people and places the way a newsroom's archive has them (a
 * place for every eighth story, a person shared by about twenty stories, the synthetic tags), then:
 *   1. times the related computation (what the `related.story` job ranks and stores) for a sample of stories;
 *   2. starts the compiled server and measures the story page with its Related block: CPU per page rendered
 *      cold (page cache missed) and requests/s cached next to a bare node:http server sending the same bytes.
 *
 *   npx tsx bench/related.ts [--articles 100000] [--sample 200] [--duration 8] [--connections 50]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { seedSynthetic } from '../src/demo/seed-synthetic.js';
import { computeRelated } from '../src/related/index.js';
import type { Store } from '../src/store/index.js';
import { load } from './load.js';
import { machine } from './machine.js';
import { cleanupOnExit, freePort, removeTempDir, stop, tempDir, track, waitForHttp } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '200' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
  },
});
const ARTICLES = Number(values.articles);
const SAMPLE = Number(values.sample);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PLACES = ['Port Alder', 'Millbrook', 'Orca Point', 'Salt Marsh', 'Cedar Flats', 'Harlow Bay', 'Fern Hollow', 'North Spit'];
const PEOPLE = Math.max(1, Math.round(ARTICLES / 20));
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Confirmed places and people on every synthetic story, in multi-row inserts (what the jobs would have found). */
async function addEntities(store: Store): Promise<void> {
  const db = store.db.kysely;
  const now = Date.now();
  const entityRows = [
    ...PLACES.map((name, i) => ({ slug: `bench-place-${i}`, name, kind: 'place' as const })),
    ...Array.from({ length: PEOPLE }, (_, i) => ({ slug: `bench-person-${i}`, name: `Person ${i}`, kind: 'person' as const })),
  ];
  for (let i = 0; i < entityRows.length; i += 500) {
    await db
      .insertInto('entities')
      .values(entityRows.slice(i, i + 500).map((e) => ({ ...e, description: '', picture_id: null, status: 'confirmed' as const, created_at: now, updated_at: now })))
      .execute();
  }
  const ids = new Map((await db.selectFrom('entities').select(['id', 'slug']).execute()).map((r) => [r.slug, Number(r.id)]));
  const stories = await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute();
  const links: Array<{ article_id: number; entity_id: number; source: 'text'; mentions: number; confident: number }> = [];
  const flush = async () => {
    for (let i = 0; i < links.length; i += 500) await db.insertInto('article_entities').values(links.slice(i, i + 500)).execute();
    links.length = 0;
  };
  for (const [n, row] of stories.entries()) {
    const id = Number(row.id);
    links.push({ article_id: id, entity_id: ids.get(`bench-place-${n % PLACES.length}`)!, source: 'text', mentions: 1, confident: 1 });
    // A person in about twenty stories, mostly near each other in time, as a running story is.
    links.push({ article_id: id, entity_id: ids.get(`bench-person-${Math.floor(n / 20) % PEOPLE}`)!, source: 'text', mentions: 2, confident: 1 });
    if (links.length >= 20_000) await flush();
  }
  await flush();
}

interface DialectResult {
  dialect: string;
  seedSeconds: number;
  related: { p50: number; p95: number; max: number; mean: number };
  cold: { cpuMsPerPage: number; plainMsPerPage: number; load: number[] };
  cached: { storyReqPerSec: number; bareReqPerSec: number; ratio: number; storyCpuUs: number; bareCpuUs: number; bytes: number };
}

async function run(dialect: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<DialectResult> {
  const dataDir = tempDir(`dateline-bench-related-${dialect}-`);
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO: 'false', JOBS: 'false', ...(databaseUrl && { DATABASE_URL: databaseUrl }) };
  const store = await openStore(loadConfig(env));
  const seedStarted = performance.now();
  log(`${dialect}: seeding the demo and ${ARTICLES} synthetic stories`);
  await seedDemo(store, path.join(dataDir, 'media'), { pictureCacheDir: path.join(os.tmpdir(), 'dateline-test-pictures') });
  await seedSynthetic(store, ARTICLES);
  await addEntities(store);
  if (dialect === 'postgres') await (await import('kysely')).sql`analyze`.execute(store.db.kysely);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`${dialect}: seeded in ${seedSeconds.toFixed(0)} s`);

  // 1. The related computation, as the job runs it: one transaction per story.
  const ids = (await store.db.kysely.selectFrom('articles').select('id').where('status', '=', 'published').where('label', '<>', 'sponsored').execute()).map((r) => Number(r.id));
  const sample = Array.from({ length: SAMPLE + 20 }, (_, i) => ids[Math.floor(((i * 7919) % ids.length) + 0)]!).filter(Boolean);
  const now = new Date();
  const times: number[] = [];
  // CPU of this process too: on a busy machine wall time mostly measures waiting for a core (SQLite's work is in-process).
  const cpuTimes: number[] = [];
  for (const [i, id] of sample.entries()) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await store.db.kysely.transaction().execute((trx) => computeRelated(store, trx, id, now));
    const used = process.cpuUsage(cpu);
    if (i >= 20) {
      times.push(performance.now() - started);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  cpuTimes.sort((a, b) => a - b);
  log(`${dialect}: related computation CPU of this process p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(cpuTimes, 95).toFixed(1)} ms`);
  times.sort((a, b) => a - b);
  const related = { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? 0, mean: times.reduce((a, b) => a + b, 0) / times.length };
  log(`${dialect}: related computation p50 ${related.p50.toFixed(1)} ms, p95 ${related.p95.toFixed(1)} ms, max ${related.max.toFixed(1)} ms`);
  const paths = (await store.db.kysely.selectFrom('articles').select('path').where('id', 'in', sample.slice(20)).execute()).map((r) => r.path);
  await store.db.close();

  // 2. The story page with its Related block, from the compiled server as `npm start` runs it: page cache off
  // (every request renders, the "cold" cost), then on (cached), then the bare server with the same bytes.
  // CPU per request is read from /proc for the server process alone, so other work on the machine does not count.
  const perRequestUs = (r: { serverCpu: number; requests: number }) => ((r.serverCpu / 100) * DURATION * 1e6) / Math.max(1, r.requests);
  const serve = async (pageCacheSeconds: number) => {
    const port = await freePort();
    const server = track({
      command: process.execPath,
      args: ['--max-semi-space-size=2', '--max-old-space-size=160', path.join(root, 'dist-server', 'cli.js'), 'serve'],
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PAGE_CACHE_SECONDS: String(pageCacheSeconds), CHANGE_POLL_MS: '1000', RATE_LIMIT_SEARCH: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, server);
    return { server, base: `http://127.0.0.1:${port}` };
  };
  const load1 = os.loadavg();
  const cold = await serve(0);
  let withRelated = 0;
  for (const p of paths) if ((await (await fetch(`${cold.base}${p}`)).text()).includes('related-stories')) withRelated++;
  const target = paths[0]!;
  const body = await (await fetch(`${cold.base}${target}`)).text();
  const uncached = await load(`${cold.base}${target}`, { connections: 8, duration: DURATION, warmup: 2 }, cold.server.pid!);
  await stop(cold.server);
  const cpuMsPerPage = perRequestUs(uncached) / 1000;
  log(`${dialect}: ${withRelated}/${paths.length} sampled story pages carry a Related block; page cache off: ${uncached.reqPerSec.toFixed(0)} req/s, ${cpuMsPerPage.toFixed(2)} ms server CPU per page`);
  // The same page without its Related block and Topics line, in the same run: what the block itself costs.
  const again = await openStore(loadConfig(env));
  const targetId = Number((await again.db.kysely.selectFrom('articles').select('id').where('path', '=', target).executeTakeFirstOrThrow()).id);
  await again.db.kysely.deleteFrom('related_stories').where('article_id', '=', targetId).execute();
  await again.db.kysely.deleteFrom('article_entities').where('article_id', '=', targetId).execute();
  await again.db.close();
  const plainServer = await serve(0);
  const plain = await load(`${plainServer.base}${target}`, { connections: 8, duration: DURATION, warmup: 2 }, plainServer.server.pid!);
  await stop(plainServer.server);
  const plainMsPerPage = perRequestUs(plain) / 1000;
  log(`${dialect}: the same page without Related and Topics, page cache off: ${plain.reqPerSec.toFixed(0)} req/s, ${plainMsPerPage.toFixed(2)} ms server CPU per page`);

  const warm = await serve(600);
  const story = await load(`${warm.base}${target}`, { connections: CONNECTIONS, duration: DURATION, warmup: 2 }, warm.server.pid!);
  await stop(warm.server);

  const bodyFile = path.join(dataDir, 'story.html');
  writeFileSync(bodyFile, body);
  const barePort = await freePort();
  const bare = track({ command: process.execPath, args: ['--import', 'tsx', path.join(root, 'bench', 'bare-server.ts')], env: { ...process.env, BODY_FILE: bodyFile, PORT: String(barePort) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);
  const baseline = await load(`http://127.0.0.1:${barePort}/`, { connections: CONNECTIONS, duration: DURATION, warmup: 2 }, bare.pid!);
  await stop(bare);
  removeTempDir(dataDir);
  const cached = {
    storyReqPerSec: story.reqPerSec,
    bareReqPerSec: baseline.reqPerSec,
    ratio: story.reqPerSec / baseline.reqPerSec,
    storyCpuUs: perRequestUs(story),
    bareCpuUs: perRequestUs(baseline),
    bytes: Buffer.byteLength(body),
  };
  log(`${dialect}: cached story page ${cached.storyReqPerSec.toFixed(0)} req/s (${cached.storyCpuUs.toFixed(0)} µs CPU/req), bare ${cached.bareReqPerSec.toFixed(0)} req/s (${cached.bareCpuUs.toFixed(0)} µs CPU/req): ${(cached.ratio * 100).toFixed(0)}% of bare req/s, ${((cached.bareCpuUs / cached.storyCpuUs) * 100).toFixed(0)}% of bare per CPU`);
  return { dialect, seedSeconds, related, cold: { cpuMsPerPage, plainMsPerPage, load: load1 }, cached };
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) return undefined;
  const name = `dateline_bench_related_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

cleanupOnExit();
log('building the server (npm start runs the compiled code)');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.mjs')], { cwd: root, stdio: 'inherit' });
const results: DialectResult[] = [await run('sqlite', undefined)];
const pgDb = await postgresDatabase();
if (pgDb) {
  try {
    results.push(await run('postgres', pgDb.url));
  } finally {
    await pgDb.drop();
  }
}
const m = machine(root);
process.stdout.write(`\n${JSON.stringify({ machine: m, articles: ARTICLES, sample: SAMPLE, results }, null, 2)}\n`);
process.exit(0);
