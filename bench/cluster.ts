/**
 * `npm run bench:cluster`: Dateline as `dateline cluster` runs it (3 nodes on
 * PostgreSQL behind varnishd with the shipped VCL), under a replay of reader
 * traffic weighted like a news site's, while the newsroom API updates a
 * story or publishes a new one every 2 s. Reports Varnish's hit ratio, the
 * time from each commit to fresh content through Varnish, and req/s through
 * Varnish next to one node directly; writes the "Cache tier" section of
 * docs/benchmarks.md. Needs PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL, used only to create and drop a database of its own) and
 * varnish + varnish-modules.
 *
 *   npx tsx bench/cluster.ts [--articles 2000] [--duration 30] [--connections 50] [--nodes 3] [--no-docs]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { signIn } from '../test/support/admin-session.js';
import { freePortBlock, parseClusterBanner } from '../test/support/cluster.js';
import { type ClusterReport, clusterSection, type LoadNumbers } from './cluster-report.js';
import { machine } from './machine.js';
import { capture, cleanupOnExit, exited, stop, tempDir, track } from './processes.js';
import { readerMix } from './reader-mix.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  process.stdout.write(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}\n`);
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    nodes: { type: 'string', default: '3' },
    'no-docs': { type: 'boolean', default: false },
  },
});
const opts = { articles: Number(values.articles), duration: Number(values.duration), connections: Number(values.connections), nodes: Number(values.nodes) };
const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  process.stderr.write('bench:cluster needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/postgres\n');
  process.exit(2);
}

/** Runs `dateline ARGS` (compiled, as npm start runs it) to the end. */
function dateline(args: string[], env: Record<string, string>, input?: string): string {
  return execFileSync(process.execPath, [path.join(root, 'dist-server', 'cli.js'), ...args], { cwd: root, env: { ...process.env, ...env }, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] });
}

/** MAIN counters of the cluster's varnishd. */
function varnishCounters(workDir: string): Record<string, number> {
  const json = JSON.parse(execFileSync('varnishstat', ['-n', workDir, '-1', '-j'], { encoding: 'utf8' }));
  const counters = json.counters ?? json;
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) if (name.startsWith('MAIN.')) out[name.slice(5)] = (value as { value: number }).value;
  return out;
}

async function load(base: string, paths: string[], duration: number): Promise<LoadNumbers> {
  const loadAverage = os.loadavg()[0] as number;
  const result = await autocannon({ url: base, connections: opts.connections, duration, requests: paths.map((p) => ({ method: 'GET', path: p })) });
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts, loadAverage };
}

cleanupOnExit();
const dbName = `dateline_bench_cluster_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
// The nodes' data directories (theme cache, demo pictures) go in a temporary folder removed at the end.
const env = { DATABASE_URL: dbUrl.toString(), DATA_DIR: tempDir('dateline-bench-cluster-'), LOG_LEVEL: 'warn' };
let clusterChild: ReturnType<typeof track> | undefined;
try {
  log('Building the server (npm run build:server)');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
  log(`Seeding the demo newsroom and ${opts.articles} synthetic stories into ${dbName}`);
  dateline(['seed-demo', '--articles', String(opts.articles)], env);
  const email = 'bench-editor@example.test';
  const password = 'bench password for the cluster';
  dateline(['user', 'add', '--email', email, '--name', 'Bench Editor', '--role', 'editor', '--password-stdin'], env, password);

  const port = await freePortBlock(opts.nodes + 1);
  log(`Starting dateline cluster --nodes ${opts.nodes} --port ${port}`);
  clusterChild = track({
    command: process.execPath,
    args: ['--max-semi-space-size=2', '--max-old-space-size=160', path.join(root, 'dist-server', 'cli.js'), 'cluster', '--nodes', String(opts.nodes), '--port', String(port), '--host', '127.0.0.1'],
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = capture(clusterChild.stdout, 200_000);
  const err = capture(clusterChild.stderr, 200_000);
  let banner = parseClusterBanner(out());
  for (let i = 0; !banner && i < 900; i++) {
    if (clusterChild.exitCode !== null) throw new Error(`dateline cluster exited:\n${out()}${err()}`);
    await sleep(200);
    banner = parseClusterBanner(out());
  }
  if (!banner) throw new Error(`dateline cluster did not start:\n${out()}${err()}`);
  const workDir = /varnishstat -n (\S+)/.exec(out())?.[1] as string;
  const varnish = banner.url;
  const node1 = banner.nodes[0]!.url;
  const editor = await signIn(node1, email, password);

  const mix = await readerMix(varnish, editor);
  log(`Reader mix: ${mix.paths.length} requests in rotation over ${mix.distinct} URLs (${mix.describe})`);

  log('Warming Varnish (3 s)');
  await load(varnish, mix.paths, 3);

  // Steady publishing: every 2 s an update of a front-page story (soft purge) or, every third time, a new story (home and fronts).
  const latencies: Array<{ kind: 'update' | 'publish'; ms: number }> = [];
  let publishing = true;
  const publisher = (async () => {
    for (let i = 0; publishing; i++) {
      const tick = performance.now();
      const node = banner.nodes[i % banner.nodes.length]!.url;
      const stamp = `${Date.now().toString(36)}-${i}`;
      if (i % 3 === 2) {
        const headline = `Bench bulletin ${stamp}`;
        const draft = (await (await editor.call('POST', `${node}/admin/api/articles`, { headline, sectionId: mix.sectionId, bodyHtml: `<p>${headline}.</p>` })).json()) as { id: number };
        await editor.call('POST', `${node}/admin/api/articles/${draft.id}/publish`);
        const committed = performance.now();
        latencies.push({ kind: 'publish', ms: await freshWithin(`${varnish}${mix.frontPath}`, headline, committed) });
      } else {
        const story = mix.updatable[i % mix.updatable.length]!;
        const current = (await (await editor.call('GET', `${node}/admin/api/articles/${story.id}`)).json()) as { revision: number };
        const headline = `${story.headline} (updated ${stamp})`;
        const saved = await editor.call('PATCH', `${node}/admin/api/articles/${story.id}`, { headline, baseRevision: current.revision });
        if (saved.status !== 200) throw new Error(`PATCH story ${story.id}: ${saved.status} ${await saved.text()}`);
        const committed = performance.now();
        latencies.push({ kind: 'update', ms: await freshWithin(`${varnish}${story.path}`, headline, committed) });
      }
      await sleep(Math.max(0, 2000 - (performance.now() - tick)));
    }
  })();

  log(`Through Varnish, ${opts.duration} s × ${opts.connections} connections, publishing every 2 s`);
  const before = varnishCounters(workDir);
  const throughVarnish = await load(varnish, mix.paths, opts.duration);
  const after = varnishCounters(workDir);
  publishing = false;
  await publisher;
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const hits = delta('cache_hit');
  const misses = delta('cache_miss');
  log(`  ${Math.round(throughVarnish.reqPerSec)} req/s, hit ratio ${((hits / (hits + misses)) * 100).toFixed(2)}% (${hits} hits, ${misses} misses, ${delta('cache_hit_grace')} of the hits stale in grace)`);

  log(`One node directly (${node1}), same mix, 3 s warm-up (its page cache saw only a third of the misses), then ${opts.duration} s, no publishing`);
  await load(node1, mix.paths, 3);
  const direct = await load(node1, mix.paths, opts.duration);
  log(`  ${Math.round(direct.reqPerSec)} req/s`);

  const report: ClusterReport = {
    machine: machine(root),
    options: opts,
    mix: mix.describe,
    distinct: mix.distinct,
    throughVarnish,
    direct,
    hits,
    misses,
    graceHits: delta('cache_hit_grace'),
    passes: delta('s_pass'),
    backendFetches: delta('backend_req'),
    latencies,
  };
  const section = clusterSection(report);
  process.stdout.write(`\n${section}\n`);
  if (!values['no-docs']) {
    const file = path.join(root, 'docs', 'benchmarks.md');
    const current = readFileSync(file, 'utf8');
    const marked = /<!-- cache-tier:start[\s\S]*?<!-- cache-tier:end -->/;
    writeFileSync(file, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
    log('Wrote the "Cache tier" section of docs/benchmarks.md.');
  }

  /** Polls `url` through Varnish until it shows `text`; ms since `since` (the commit). */
  async function freshWithin(url: string, text: string, since: number): Promise<number> {
    for (;;) {
      const body = await (await fetch(url)).text();
      if (body.includes(text)) return performance.now() - since;
      if (performance.now() - since > 30_000) return Number.POSITIVE_INFINITY;
      await sleep(10);
    }
  }
} finally {
  if (clusterChild) {
    await stop(clusterChild, 15_000);
    await exited(clusterChild);
  }
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
