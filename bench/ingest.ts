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
import pg from 'pg';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import type { Dialect } from '../src/store/index.js';
import { ingestFiles, summaryLine } from '../src/wire/ingest/index.js';
import { expandWirePaths, readWireFiles } from '../src/wire/wire-paths.js';
import { writeNinjsItems } from './ninjs-items.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 2000;

interface Pass {
  seconds: number;
  cpuSeconds: number;
  perSecond: number;
  summary: string;
}

async function pass(store: Awaited<ReturnType<typeof openStore>>, files: string[]): Promise<Pass> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await ingestFiles(store, readWireFiles(files), {});
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, perSecond: files.length / seconds, summary: summaryLine(report.counts) };
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
    `${dialect}: first pass ${Math.round(r.first.perSecond)} items/s (${r.first.seconds.toFixed(1)} s, ${r.first.cpuSeconds.toFixed(1)} s CPU in this process; ${r.first.summary})\n` +
      `${dialect}: second pass ${Math.round(r.second.perSecond)} items/s (${r.second.summary}); ${r.stored} wire items stored\n`,
  );
}
rmSync(work, { recursive: true, force: true });

const rows = results.map(
  (r) =>
    `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${Math.round(r.first.perSecond).toLocaleString('en-US')} | ${r.first.seconds.toFixed(1)} | ${r.first.cpuSeconds.toFixed(1)} | ${Math.round(r.second.perSecond).toLocaleString('en-US')} | ${r.dialect === 'sqlite' ? (r.first.perSecond >= TARGET ? 'pass' : '**FAIL**') : '—'} |`,
);
const section = [
  '<!-- wire-ingest:start (written by `npm run bench:ingest`, bench/ingest.ts) -->',
  '## Wire ingest',
  '',
  `Run ${new Date().toISOString()}: ${items.toLocaleString('en-US')} generated ninjs 2.2 text items (one file each, six-paragraph HTML bodies with attributes and links to sanitize, no pictures), ingested as \`dateline ingest FOLDER\` does (files read ahead, 100 items per transaction, each item whole or absent). ${os.cpus().length} CPUs, load average at start ${load}. Target: ≥ ${TARGET.toLocaleString('en-US')} items/s on SQLite, sanitizing included.`,
  '',
  '| Database | new items/s | seconds | CPU s (ingest process) | unchanged items/s (second pass) | target |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  'PostgreSQL runs on the same machine; its server process is not counted in the CPU column. The machine is shared: compare within one run.',
  '<!-- wire-ingest:end -->',
].join('\n');
if (!values['no-write']) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const current = readFileSync(file, 'utf8');
  const marked = /<!-- wire-ingest:start[\s\S]*?<!-- wire-ingest:end -->/;
  writeFileSync(file, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
  process.stdout.write('Wrote the "Wire ingest" section of docs/benchmarks.md.\n');
}
