/**
 * `npm run bench`: seeds 1k and 100k synthetic stories and load-tests the
 * story page, the home page and a section front (page 1 and 1,000 stories
 * deep) next to a bare node:http server sending the same bytes, then writes
 * docs/benchmarks.md. See the Method section there.
 *
 *   npx tsx bench/run.ts [--sizes 1000,100000] [--duration 10] [--warmup 2]
 *                        [--connections 50] [--crawl 2500] [--no-docs]
 *   npx tsx bench/run.ts --from-json /tmp/dateline-bench/latest.json   (re-render docs only)
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { discover } from './discover.js';
import { explain } from './explain.js';
import { type LoadOptions, type LoadResult, load } from './load.js';
import { machine } from './machine.js';
import { MemorySampler, mb, readMemory } from './memory.js';
import { capture, cleanupNow, cleanupOnExit, exited, freePort, removeTempDir, stop, tempDir, track, waitForHttp } from './processes.js';
import { existingNotes, markdownReport, PAGE_LABEL, PAGES, type PageName, type Peak, type RunResult, type SizeResult, textReport } from './report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'dateline.js');
// The server runs as `npm start` runs it: compiled JavaScript under plain node (built below).
const server = path.join(root, 'dist-server', 'cli.js');
// The heap flags of package.json's start script (docs/decisions/0006-server-heap.md).
const serverFlags = ['--max-semi-space-size=2', '--max-old-space-size=160'];
const started = performance.now();

function log(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  process.stdout.write(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}\n`);
}

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      crawl: { type: 'string', default: '2500' },
      'no-docs': { type: 'boolean', default: false },
      'from-json': { type: 'string' },
    },
  });
  const num = (name: string, text: string, min: number) => {
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}; got "${text}".`);
    return n;
  };
  return {
    sizes: values.sizes.split(',').map((s) => num('sizes', s.trim(), 1)),
    duration: num('duration', values.duration, 1),
    warmup: num('warmup', values.warmup, 0),
    connections: num('connections', values.connections, 1),
    crawl: num('crawl', values.crawl, 0),
    docs: !values['no-docs'],
    fromJson: values['from-json'],
  };
}

/** The environment for Dateline's children: always SQLite in `dataDir`, nothing inherited that changes what is measured. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'PAGE_CACHE_SECONDS', 'SITE_URL', 'DEMO', 'LOG_LEVEL', 'NODE_OPTIONS']) delete base[name];
  return { ...base, ...extra };
}

async function seed(dataDir: string, articles: number): Promise<Pick<SizeResult, 'seedSeconds' | 'seederSays' | 'seederPeak'>> {
  const t0 = performance.now();
  const child = track({
    command: process.execPath,
    args: [cli, 'seed-demo', '--articles', String(articles)],
    cwd: root,
    env: env({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output = capture(child.stdout);
  const sampler = new MemorySampler(child.pid as number);
  const code = await exited(child);
  const seederPeak = sampler.finish();
  if (code !== 0) throw new Error(`seed-demo --articles ${articles} failed (exit ${code}):\n${output()}`);
  const seederSays = /Added .*$/m.exec(output())?.[0] ?? output().trim().split('\n').pop() ?? '';
  return { seedSeconds: (performance.now() - t0) / 1000, seederSays, seederPeak };
}

interface Server {
  child: ChildProcess;
  base: string;
  sampler: MemorySampler;
  output: () => string;
}

async function startDateline(dataDir: string, pageCacheSeconds: number): Promise<Server> {
  const port = await freePort();
  const child = track({
    command: process.execPath,
    args: [...serverFlags, server, 'serve'],
    cwd: root,
    env: env({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false', LOG_LEVEL: 'warn', PAGE_CACHE_SECONDS: String(pageCacheSeconds) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = capture(child.stdout);
  const err = capture(child.stderr);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/healthz`, child);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${out()}${err()}`);
  }
  return { child, base, sampler: new MemorySampler(child.pid as number), output: () => out() + err() };
}

async function stopServer(server: Server): Promise<Peak> {
  const peak = server.sampler.finish();
  await stop(server.child);
  return peak;
}

async function startBare(bodyFile: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = track({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(root, 'bench', 'bare-server.ts')],
    cwd: root,
    env: env({ BODY_FILE: bodyFile, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/`, child);
  return { child, base };
}

async function measure(what: string, url: string, opts: LoadOptions, pid: number): Promise<LoadResult> {
  log(`  ${what}: ${opts.warmup} s warm-up + ${opts.duration} s × ${opts.connections} connections → ${url}`);
  const r = await load(url, opts, pid);
  const bad = r.non2xx + r.errors + r.timeouts;
  log(`    ${Math.round(r.reqPerSec)} req/s, p99 ${r.p99} ms, server CPU ${Math.round(r.serverCpu)}%, autocannon CPU ${Math.round(r.clientCpu)}%${bad ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : ''}`);
  return r;
}

/** Requests `count` distinct stories so the page cache holds as many pages as it may. */
async function crawl(base: string, dbFile: string, count: number): Promise<{ pages: number; seconds: number; failed: number }> {
  if (count === 0) return { pages: 0, seconds: 0, failed: 0 };
  const db = new BetterSqlite3(dbFile, { readonly: true });
  const paths = (
    db
      .prepare(`select path from articles where status = 'published' and published_at <= ? order by published_at desc, id desc limit ?`)
      .all(Date.now(), count) as { path: string }[]
  ).map((r) => r.path);
  db.close();
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const p = paths[next++] as string;
        try {
          const response = await fetch(base + encodeURI(p));
          await response.arrayBuffer();
          if (!response.ok) failed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { pages: paths.length, seconds: (performance.now() - t0) / 1000, failed };
}

async function runSize(synthetic: number, opts: ReturnType<typeof options>): Promise<SizeResult> {
  const loadOpts: LoadOptions = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
  const dataDir = tempDir(`dateline-bench-${synthetic}-`);
  const dbFile = path.join(dataDir, 'dateline.sqlite');
  try {
    log(`Seeding the demo newsroom + ${synthetic.toLocaleString('en-US')} synthetic stories into ${dataDir}`);
    const seeded = await seed(dataDir, synthetic);
    log(`  seeded in ${seeded.seedSeconds.toFixed(1)} s (${seeded.seederSays})`);
    const stories = (() => {
      const db = new BetterSqlite3(dbFile, { readonly: true });
      const n = (db.prepare('select count(*) as n from articles').get() as { n: number }).n;
      db.close();
      return n;
    })();

    log('Starting Dateline with the page cache on (PAGE_CACHE_SECONDS=60)');
    const cachedServer = await startDateline(dataDir, 60);
    const targets = await discover(cachedServer.base);
    log(`  story ${targets.article}; deep section page ${targets.deepSteps} pages in: ${targets.sectionDeep}`);
    const articleBody = Buffer.from(await (await fetch(cachedServer.base + targets.article)).arrayBuffer());
    const bodyFile = path.join(dataDir, 'article.html');
    writeFileSync(bodyFile, articleBody);
    const bare = await startBare(bodyFile);

    const urls: Record<PageName, string> = { article: targets.article, home: targets.home, sectionFirst: targets.sectionFirst, sectionDeep: targets.sectionDeep };
    const result: SizeResult = {
      synthetic,
      stories,
      ...seeded,
      targets,
      articleBytes: articleBody.length,
      bare: [],
      cached: {},
      uncached: {},
      cachedLoadPeak: { sampledPeak: 0, hwm: 0 },
      crawl: { pages: 0, seconds: 0, failed: 0, rssAfter: 0 },
      cachedPeak: { sampledPeak: 0, hwm: 0 },
      uncachedPeak: { sampledPeak: 0, hwm: 0 },
      barePeak: 0,
    };

    log('Load, page cache on:');
    result.bare.push(await measure('bare node:http (before)', `${bare.base}/`, loadOpts, bare.child.pid as number));
    for (const page of PAGES) result.cached[page] = await measure(PAGE_LABEL[page], cachedServer.base + urls[page], loadOpts, cachedServer.child.pid as number);
    result.bare.push(await measure('bare node:http (after)', `${bare.base}/`, loadOpts, bare.child.pid as number));
    cachedServer.sampler.sample();
    result.cachedLoadPeak = { sampledPeak: cachedServer.sampler.sampledPeak, hwm: cachedServer.sampler.hwm };
    log(`  server peak RSS under load ${mb(result.cachedLoadPeak.hwm)} MB`);
    log(`Requesting ${opts.crawl} distinct stories to fill the page cache`);
    const crawled = await crawl(cachedServer.base, dbFile, opts.crawl);
    const after = cachedServer.sampler.sample();
    result.crawl = { ...crawled, rssAfter: after?.rss ?? 0 };
    result.cachedPeak = await stopServer(cachedServer);
    log(`  ${crawled.pages} stories in ${crawled.seconds.toFixed(1)} s (${crawled.failed} failed); RSS ${mb(result.crawl.rssAfter)} MB, peak ${mb(result.cachedPeak.hwm)} MB`);
    if (cachedServer.output().trim()) log(`  server said:\n${cachedServer.output().trim()}`);

    log('Starting Dateline with the page cache off (PAGE_CACHE_SECONDS=0)');
    const uncachedServer = await startDateline(dataDir, 0);
    log('Load, page cache off:');
    for (const page of PAGES) result.uncached[page] = await measure(PAGE_LABEL[page], uncachedServer.base + urls[page], loadOpts, uncachedServer.child.pid as number);
    result.uncachedPeak = await stopServer(uncachedServer);
    log(`  server peak RSS ${mb(result.uncachedPeak.hwm)} MB`);
    result.barePeak = readMemory(bare.child.pid as number)?.hwm ?? 0;
    await stop(bare.child);

    log('Query plans');
    result.explain = await explain(dbFile, '/news', 1000);
    for (const v of result.explain.verdicts) log(`  ${v.ok ? 'OK ' : 'BAD'} ${v.text}`);
    return result;
  } finally {
    removeTempDir(dataDir);
  }
}

function writeDocs(run: RunResult): void {
  const docFile = path.join(root, 'docs', 'benchmarks.md');
  let notes = '';
  // Other benchmarks (search, wire ingest) keep their own sections after the notes; keep them.
  let others = '';
  try {
    const existing = readFileSync(docFile, 'utf8');
    notes = existingNotes(existing);
    const end = existing.indexOf('<!-- notes:end -->');
    if (end >= 0) others = existing.slice(end + '<!-- notes:end -->'.length).trim();
  } catch {
    // first run
  }
  writeFileSync(docFile, `${markdownReport(run, notes).trimEnd()}\n${others ? `\n${others}\n` : ''}`);
  log(`Wrote ${path.relative(root, docFile)}`);
}

async function main(): Promise<void> {
  cleanupOnExit();
  const opts = options();
  if (opts.fromJson) {
    // Re-render the report of an earlier run (e.g. after editing the notes) without measuring again.
    const earlier = JSON.parse(readFileSync(opts.fromJson, 'utf8')) as RunResult;
    process.stdout.write(`${textReport(earlier)}\n`);
    if (opts.docs) writeDocs(earlier);
    return;
  }
  const run: RunResult = {
    machine: machine(root),
    options: { sizes: opts.sizes, duration: opts.duration, warmup: opts.warmup, connections: opts.connections, crawl: opts.crawl },
    sizes: [],
    seconds: 0,
  };
  const m = run.machine;
  log(`Dateline benchmarks on ${m.cores} × ${m.cpu}, ${(m.totalMemory / 1024 ** 3).toFixed(1)} GB, Node ${m.node}, commit ${m.commit}, load ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  for (const size of opts.sizes) run.sizes.push(await runSize(size, opts));
  run.seconds = (performance.now() - started) / 1000;

  process.stdout.write(`${textReport(run)}\n\n`);
  const jsonDir = path.join(os.tmpdir(), 'dateline-bench');
  mkdirSync(jsonDir, { recursive: true });
  const jsonFile = path.join(jsonDir, 'latest.json');
  writeFileSync(jsonFile, `${JSON.stringify(run, null, 2)}\n`);
  log(`Results as JSON: ${jsonFile}`);
  if (opts.docs) writeDocs(run);
}

try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
  await main();
} catch (error) {
  process.stderr.write(`\nBenchmark failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  cleanupNow();
}
