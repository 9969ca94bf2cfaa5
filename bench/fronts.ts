/**
 * `npm run bench:fronts`: the home page with a curated layout (issue 12) at
 * 100,000 stories. Seeds the demo newsroom plus N synthetic stories, pins a
 * lead (front-only headline and photo, an end time) and two top stories on
 * the home page, then measures, in one run:
 *
 * - the cached home page against a bare node:http server sending the home
 *   page's own bytes (target: ≥ 40% of its req/s);
 * - the CPU of one uncached home render (page cache off, in this process,
 *   one request after another through Fastify's inject): target ≤ 2 ms,
 *   next to the same home without pins;
 * - the query plan of the pins' query.
 *
 * Writes the "Curated fronts" section of docs/benchmarks.md (between its markers).
 *
 *   npx tsx bench/fronts.ts [--articles 100000] [--duration 10] [--warmup 2] [--connections 50] [--renders 400] [--no-docs]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import { frontKey } from '../src/domain/front-layout.js';
import { buildApp } from '../src/server.js';
import type { Store } from '../src/store/index.js';
import { type LoadResult, load } from './load.js';
import { machine } from './machine.js';
import { capture, cleanupOnExit, exited, freePort, removeTempDir, stop, tempDir, track, waitForHttp } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'dateline.js');
const server = path.join(root, 'dist-server', 'cli.js');
const serverFlags = ['--max-semi-space-size=2', '--max-old-space-size=160'];
const BEGIN = '<!-- fronts:begin -->';
const END = '<!-- fronts:end -->';

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function options() {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      renders: { type: 'string', default: '400' },
      'no-docs': { type: 'boolean', default: false },
    },
  });
  const num = (name: string, text: string, min: number) => {
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}; got "${text}".`);
    return n;
  };
  return {
    articles: num('articles', values.articles, 0),
    duration: num('duration', values.duration, 1),
    warmup: num('warmup', values.warmup, 0),
    connections: num('connections', values.connections, 1),
    renders: num('renders', values.renders, 10),
    docs: !values['no-docs'],
  };
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'PAGE_CACHE_SECONDS', 'SITE_URL', 'DEMO', 'LOG_LEVEL', 'NODE_OPTIONS']) delete base[name];
  return { ...base, ...extra };
}

/** The desk's curated home: an old story as the lead with its own headline and another photo, two pinned top stories. */
async function curate(store: Store): Promise<string> {
  const now = new Date();
  const old = await store.db.kysely
    .selectFrom('articles')
    .select(['id', 'headline'])
    .where('status', '=', 'published')
    .where('label', '<>', 'sponsored')
    .where('lead_media_id', 'is not', null)
    .orderBy('published_at')
    .limit(3)
    .execute();
  const photo = await store.db.kysely.selectFrom('media').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const [lead, first, second] = old;
  if (!lead || !first || !second) throw new Error('the seeded site has too few stories to curate');
  await store.db.kysely.transaction().execute(async (trx) => {
    const home = frontKey({ kind: 'home' });
    const day = new Date(now.getTime() + 86_400_000);
    await store.fronts.pin(trx, home, 0, { articleId: lead.id, headline: 'The desk’s choice leads the benchmark', mediaId: photo.id, expiresAt: day, pinnedBy: null }, now);
    await store.fronts.pin(trx, home, 1, { articleId: first.id, headline: null, mediaId: null, expiresAt: null, pinnedBy: null }, now);
    await store.fronts.pin(trx, home, 3, { articleId: second.id, headline: null, mediaId: null, expiresAt: day, pinnedBy: null }, now);
  });
  return `lead "${lead.headline}" (front headline and photo, ends in a day), top stories 1 and 3 pinned`;
}

/**
 * CPU per uncached home render, in this process: µs of user + system time per request, after a warm-up.
 * Each run opens its own store, as a server does: closing an app stops its store's change feed, and
 * a store that no longer hears changes reads every teaser from the database.
 */
async function renderCpu(dataDir: string, renders: number): Promise<{ micros: number; bytes: number; wallMs: number }> {
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0', JOBS: 'false', WIRE_POLLING: 'false' });
  const store = await openStore(config);
  const app = await buildApp({ config, store });
  try {
    let bytes = 0;
    for (let i = 0; i < 50; i++) bytes = (await app.fastify.inject({ method: 'GET', url: '/' })).body.length;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < renders; i++) {
      const response = await app.fastify.inject({ method: 'GET', url: '/' });
      if (response.statusCode !== 200) throw new Error(`home answered ${response.statusCode}`);
    }
    const wallMs = (performance.now() - t0) / renders;
    const cpu = process.cpuUsage(cpu0);
    return { micros: (cpu.user + cpu.system) / renders, bytes, wallMs };
  } finally {
    await app.fastify.close();
    await store.db.close();
  }
}

async function main(): Promise<void> {
  cleanupOnExit();
  const opts = options();
  const m = machine(root);
  log(`Curated fronts benchmark on ${m.cores} × ${m.cpu}, Node ${m.node}, commit ${m.commit}, load ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
  const dataDir = tempDir('dateline-bench-fronts-');
  try {
    const t0 = performance.now();
    const seeder = track({ command: process.execPath, args: [cli, 'seed-demo', '--articles', String(opts.articles)], cwd: root, env: env({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), stdio: ['ignore', 'pipe', 'inherit'] });
    const seedOut = capture(seeder.stdout);
    if ((await exited(seeder)) !== 0) throw new Error(`seeding failed:\n${seedOut()}`);
    log(`Seeded ${opts.articles} synthetic stories in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent' });
    const store = await openStore(config);
    let curated = '';
    let plain: Awaited<ReturnType<typeof renderCpu>>;
    let withPins: Awaited<ReturnType<typeof renderCpu>>;
    let plan: string[];
    try {
      plain = await renderCpu(dataDir, opts.renders);
      log(`Uncached home, no pins: ${Math.round(plain.micros)} µs CPU per render (${plain.bytes} bytes)`);
      curated = await curate(store);
      withPins = await renderCpu(dataDir, opts.renders);
      log(`Uncached home, curated: ${Math.round(withPins.micros)} µs CPU per render (${withPins.bytes} bytes)`);
      const explained = await sql<{ detail: string }>`explain query plan
        select a.id from front_slots f join articles a on a.id = f.article_id
        where f.front = 'home' and (f.expires_at is null or f.expires_at > 0)
          and a.status = 'published' and a.label <> 'sponsored' and a.published_at <= 1`.execute(store.db.kysely);
      plan = explained.rows.map((r) => r.detail);
    } finally {
      await store.db.close();
    }

    // The cached home against a bare server sending the home page's own bytes.
    const port = await freePort();
    const child = track({
      command: process.execPath,
      args: [...serverFlags, server, 'serve'],
      cwd: root,
      env: env({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false', LOG_LEVEL: 'warn', PAGE_CACHE_SECONDS: '60' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const base = `http://127.0.0.1:${port}`;
    // A busy shared machine can take most of a minute to start a server over 100,000 stories.
    await waitForHttp(`${base}/healthz`, child, 300_000);
    const homeBody = await (await fetch(`${base}/`)).text();
    if (!homeBody.includes('The desk’s choice leads the benchmark')) throw new Error('the curated lead is not on the home page');
    const bodyFile = path.join(dataDir, 'home.html');
    writeFileSync(bodyFile, homeBody);
    const barePort = await freePort();
    const bare = track({ command: process.execPath, args: ['--import', 'tsx', path.join(root, 'bench', 'bare-server.ts')], cwd: root, env: env({ BODY_FILE: bodyFile, PORT: String(barePort), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'inherit'] });
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareBase}/`, bare);
    const loadOpts = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
    const runs: Array<[string, LoadResult]> = [];
    // Server CPU per request: on a shared, busy machine it moves far less than req/s does.
    const microsPerRequest = (r: LoadResult) => (r.serverCpu / 100) * opts.duration * 1e6 / Math.max(1, r.requests);
    const measure = async (label: string, url: string, pid: number) => {
      const r = await load(url, loadOpts, pid);
      log(`  ${label}: ${Math.round(r.reqPerSec)} req/s, p99 ${r.p99} ms, server CPU ${Math.round(r.serverCpu)}%, ${Math.round(microsPerRequest(r))} µs/req`);
      runs.push([label, r]);
      return r;
    };
    const before = await measure('Bare node:http, the home page’s bytes (before)', `${bareBase}/`, bare.pid as number);
    const home = await measure('Curated home page, page cache 60 s', `${base}/`, child.pid as number);
    const after = await measure('Bare node:http, the home page’s bytes (after)', `${bareBase}/`, bare.pid as number);
    await stop(child);
    await stop(bare);
    const bareMean = (before.reqPerSec + after.reqPerSec) / 2;
    const ratio = home.reqPerSec / bareMean;
    const bareMicros = (microsPerRequest(before) + microsPerRequest(after)) / 2;
    const cpuRatio = bareMicros / microsPerRequest(home);
    log(`Curated home at ${(ratio * 100).toFixed(0)}% of bare by req/s, ${(cpuRatio * 100).toFixed(0)}% by CPU per request; uncached render ${Math.round(withPins.micros)} µs CPU`);

    const rows = runs
      .map(([label, r]) => `| ${label} | ${Math.round(r.reqPerSec).toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${Math.round((r.reqPerSec / bareMean) * 100)}% | ${Math.round(r.serverCpu)}% | ${Math.round(microsPerRequest(r))} |`)
      .join('\n');
    const section = `${BEGIN}
## Curated fronts (issue 12)

\`npm run bench:fronts\` (bench/fronts.ts), ${m.date}, commit ${m.commit}; ${m.cores} × ${m.cpu}, Node ${m.node}, load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(', ')} (shared machine: compare ratios within this run).
The demo newsroom plus ${opts.articles.toLocaleString('en-US')} synthetic stories; the home page curated: ${curated}.

| Target | Measured | Result |
|---|---|---|
| Curated home ≥ 40% of bare req/s (bare sends the home page's own ${homeBody.length.toLocaleString('en-US')} bytes) | ${(ratio * 100).toFixed(0)}% (${Math.round(home.reqPerSec).toLocaleString('en-US')} / ${Math.round(bareMean).toLocaleString('en-US')}) | ${ratio >= 0.4 ? 'pass' : 'FAIL'} |
| The same by server CPU per request (bare µs/req ÷ home µs/req) | ${(cpuRatio * 100).toFixed(0)}% (${Math.round(bareMicros)} / ${Math.round(microsPerRequest(home))} µs) | ${cpuRatio >= 0.4 ? 'pass' : 'FAIL'} |
| Uncached curated home render ≤ 2 ms CPU | ${(withPins.micros / 1000).toFixed(2)} ms (without pins: ${(plain.micros / 1000).toFixed(2)} ms) | ${withPins.micros <= 2000 ? 'pass' : 'FAIL'} |

| Load (${opts.connections} connections, ${opts.warmup} s warm-up, ${opts.duration} s) | req/s | p50 ms | p99 ms | vs bare | server CPU | server CPU µs/req |
|---|---|---|---|---|---|---|
${rows}

- Uncached render: ${opts.renders} requests for \`/\` one after another through Fastify's \`inject\` in the benchmark process, page cache off, after 50 unmeasured ones; CPU is user + system time of the process per request (${withPins.wallMs.toFixed(2)} ms wall each). It includes routing, every query (better-sqlite3 is synchronous) and rendering ${withPins.bytes.toLocaleString('en-US')} bytes of HTML.
- The pins' query (\`EXPLAIN QUERY PLAN\`, SQLite): ${plan.map((p) => `\`${p}\``).join('; ')}. One seek on \`front_slots_front\`, the stories by primary key.
${END}`;
    if (opts.docs) {
      const docFile = path.join(root, 'docs', 'benchmarks.md');
      const doc = readFileSync(docFile, 'utf8');
      const start = doc.indexOf(BEGIN);
      const end = doc.indexOf(END);
      const next = start >= 0 && end > start ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${section}\n`;
      writeFileSync(docFile, next);
      log(`Wrote the Curated fronts section of ${path.relative(root, docFile)}`);
    } else {
      log(section);
    }
  } finally {
    removeTempDir(dataDir);
  }
}

await main();
