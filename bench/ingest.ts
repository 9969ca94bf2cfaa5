/**
 * `npm run bench:ingest`: generates 10,000 ninjs text items (no pictures,
 * HTML bodies with attributes and links to sanitize) as one file each, and
 * ingests them the way `dateline ingest FOLDER` does, into a fresh SQLite
 * file and a fresh PostgreSQL database: items per second for the first pass
 * (all new) and a second pass (all unchanged). Writes a "Wire ingest"
 * section into docs/benchmarks.md.
 *
 *   npx tsx bench/ingest.ts [--items 10000] [--postgres URL | --no-postgres] [--no-write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import type { Dialect } from '../src/store/index.js';
import { ingestFiles, summaryLine } from '../src/wire/ingest/index.js';
import { expandWirePaths, readWireFiles } from '../src/wire/wire-paths.js';
import { writeNinjsItems } from './ninjs-items.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 2000;
/** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;

interface Pass {
  seconds: number;
  cpuSeconds: number;
  /** PostgreSQL: CPU seconds of this database's server processes during the pass; null on SQLite or when /proc cannot tell. */
  serverCpuSeconds: number | null;
  perSecond: number;
  summary: string;
}

type Store = Awaited<ReturnType<typeof openStore>>;

/**
 * CPU so far, in clock ticks, of each server process connected to the
 * store's PostgreSQL database, read from /proc (the server runs on this
 * machine). Steadier than wall time on a shared machine: other work slows a
 * pass down but does not add to these processes' CPU.
 */
async function serverCpu(store: Store): Promise<Map<number, number> | null> {
  if (store.db.dialect !== 'postgres') return null;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(store.db.kysely);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name come the state (field 3) … utime (14) and stime (15).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      return null;
    }
  }
  return ticks;
}

async function pass(store: Store, files: string[]): Promise<Pass> {
  const serverBefore = await serverCpu(store);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await ingestFiles(store, readWireFiles(files), {});
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverAfter = await serverCpu(store);
  let serverCpuSeconds: number | null = null;
  if (serverBefore && serverAfter) {
    let ticks = 0;
    for (const [pid, now] of serverAfter) ticks += now - (serverBefore.get(pid) ?? 0);
    serverCpuSeconds = ticks / CLOCK_TICKS;
  }
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, serverCpuSeconds, perSecond: files.length / seconds, summary: summaryLine(report.counts) };
}

async function bench(dialect: Dialect, inDir: string, adminUrl: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-ingest-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const name = `dateline_bench_ingest_${process.pid}`;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  try {
    const store = await openStore(loadConfig(env));
    for (const [slug, sectionName] of [['news', 'News'], ['politics', 'Politics'], ['sports', 'Sports'], ['weather', 'Weather']] as const) {
      await store.sections.create({ slug, name: sectionName });
    }
    const files = await expandWirePaths([inDir], root);
    const first = await pass(store, files);
    const second = await pass(store, files);
    const counts = await store.db.kysely.selectFrom('wire_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await store.db.close();
    return { dialect, first, second, stored: Number(counts.n) };
  } finally {
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    postgres: { type: 'string' },
    'no-postgres': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const items = Number(values.items);
const adminUrl = values.postgres ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dialects: Dialect[] = values['no-postgres'] ? ['sqlite'] : ['sqlite', 'postgres'];
const work = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-items-'));
const inDir = path.join(work, 'in');
await writeNinjsItems(inDir, items);
const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
process.stdout.write(`Wire ingest benchmark: ${items.toLocaleString('en-US')} ninjs items, ${os.cpus().length} CPUs, load ${load}, Node ${process.version}\n`);
const results = [];
for (const dialect of dialects) {
  const r = await bench(dialect, inDir, adminUrl);
  results.push(r);
  process.stdout.write(
    `${dialect}: first pass ${Math.round(r.first.perSecond)} items/s (${r.first.seconds.toFixed(1)} s, ${r.first.cpuSeconds.toFixed(1)} s CPU in this process${r.first.serverCpuSeconds === null ? '' : `, ${r.first.serverCpuSeconds.toFixed(1)} s in the PostgreSQL server`}; ${r.first.summary})\n` +
      `${dialect}: second pass ${Math.round(r.second.perSecond)} items/s (${r.second.summary}); ${r.stored} wire items stored\n`,
  );
}
rmSync(work, { recursive: true, force: true });

const rows = results.map(
  (r) =>
    `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${Math.round(r.first.perSecond).toLocaleString('en-US')} | ${r.first.seconds.toFixed(1)} | ${r.first.cpuSeconds.toFixed(1)} | ${r.first.serverCpuSeconds === null ? '—' : r.first.serverCpuSeconds.toFixed(1)} | ${Math.round(r.second.perSecond).toLocaleString('en-US')} | ${r.dialect === 'sqlite' ? (r.first.perSecond >= TARGET ? 'pass' : '**FAIL**') : '—'} |`,
);
const section = [
  '<!-- wire-ingest:start (written by `npm run bench:ingest`, bench/ingest.ts) -->',
  '## Wire ingest',
  '',
  `Run ${new Date().toISOString()}: ${items.toLocaleString('en-US')} generated ninjs 2.2 text items (one file each, six-paragraph HTML bodies with attributes and links to sanitize, no pictures), ingested as \`dateline ingest FOLDER\` does (files read in order, 100 items per transaction, each item whole or absent). ${os.cpus().length} CPUs, load average at start ${load}. Target: ≥ ${TARGET.toLocaleString('en-US')} items/s on SQLite, sanitizing included.`,
  '',
  '| Database | new items/s | seconds | CPU s (ingest process) | CPU s (PostgreSQL server) | unchanged items/s (second pass) | target |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  'PostgreSQL runs on the same machine; its server processes (those connected to the benchmark database, read from /proc) have their own CPU column, while SQLite works inside the ingest process. The machine is shared: wall time moves with its load, CPU seconds much less; compare within one run.',
  '<!-- wire-ingest:end -->',
].join('\n');
if (!values['no-write']) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const current = readFileSync(file, 'utf8');
  const marked = /<!-- wire-ingest:start[\s\S]*?<!-- wire-ingest:end -->/;
  writeFileSync(file, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
  process.stdout.write('Wrote the "Wire ingest" section of docs/benchmarks.md.\n');
}
