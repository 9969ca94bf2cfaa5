/**
 * `npm run bench:search`: seeds the demo newsroom plus N synthetic stories
 * (default 100,000) into a temporary SQLite file and a temporary PostgreSQL
 * database, runs ~200 varied searches straight against store.search.query,
 * and prints p50/p95/p99 per database and per kind of query, with the query
 * plans of the search statements (captured from the real store code, not retyped).
 *
 *   npx tsx bench/search.ts [--articles 100000] [--rounds 4] [--postgres URL | --no-postgres]
 *
 * PostgreSQL: --postgres names a server URL whose user may create databases
 * (default TEST_DATABASE_URL); a database is created for the run and dropped after.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import pg from 'pg';
import { openStore } from '../src/cli/open-store.js';
import { loadConfig } from '../src/config.js';
import { searchTerms } from '../src/domain/search-query.js';
import type { Dialect, Store } from '../src/store/index.js';
import { SEARCH_CANDIDATES } from '../src/store/index.js';
import { candidates } from '../src/store/search-queries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'dateline.js');

interface Probe {
  kind: string;
  text: string;
  section?: string;
  days?: number;
  page?: number;
}

/** The query mix: words in every synthetic story, in some, in none but the demo's, pairs, prefixes and filters. */
const PROBES: Probe[] = [
  ...['officials', 'residents', 'proposal', 'decision', 'council', 'planning', 'meeting', 'state'].map((text) => ({ kind: 'common word', text })),
  ...['ferry', 'housing', 'levy', 'storm', 'library', 'transit', 'shoreline', 'bike'].map((text) => ({ kind: 'mid word', text })),
  ...['benitez', 'librarian', 'hatchery', 'gulls', 'quokka', 'narwhal', 'lighthouse', 'oysters'].map((text) => ({ kind: 'rare word', text })),
  ...['ferry schedule', 'port alder', 'school board', 'budget plan', 'housing proposal', 'storm response', 'orca point council', 'public comment'].map(
    (text) => ({ kind: 'two words', text }),
  ),
  ...['bud', 'hou', 'ferr', 'counc', 'sched', 'resid'].map((text) => ({ kind: 'prefix', text })),
  ...[
    ['council', 'news'],
    ['ferry', 'politics'],
    ['budget plan', 'sports'],
    ['residents', 'opinion'],
    ['library', 'local'],
    ['levy vote', 'news'],
  ].map(([text, section]) => ({ kind: 'section filter', text: text as string, section })),
  ...['council', 'ferry', 'storm response', 'library'].map((text) => ({ kind: 'last 30 days', text, days: 30 })),
  ...['officials', 'council', 'ferry schedule'].map((text) => ({ kind: 'page 10', text, page: 10 })),
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

const ms = (n: number) => n.toFixed(1);

function seed(env: Record<string, string>, articles: number): void {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'seed-demo', '--articles', String(articles)], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`seed-demo failed with status ${run.status}`);
  process.stdout.write(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

async function measure(store: Store, rounds: number) {
  const sections = await store.sections.all();
  const now = new Date();
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  // CPU time of this process per search: on SQLite that is the whole search (the database runs
  // in process), and unlike wall time it does not grow when other work shares the machine.
  const cpu: number[] = [];
  const totals = new Map<string, string>();
  const run = async (probe: Probe) => {
    const section = probe.section ? sections.find((s) => s.slug === probe.section) : undefined;
    const started = performance.now();
    const result = await store.search.query({
      text: probe.text,
      sectionId: section?.id,
      from: probe.days ? new Date(now.getTime() - probe.days * 86_400_000) : undefined,
      limit: 20,
      offset: ((probe.page ?? 1) - 1) * 20,
      now,
    });
    const elapsed = performance.now() - started;
    totals.set(`${probe.kind}: ${probe.text}${probe.section ? ` in ${probe.section}` : ''}`, `${result.total}${result.capped ? '+' : ''}`);
    return elapsed;
  };
  for (const probe of PROBES) await run(probe); // warm the caches once
  for (let round = 0; round < rounds; round++) {
    for (const probe of PROBES) {
      const before = process.cpuUsage();
      const elapsed = await run(probe);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      all.push(elapsed);
      byKind.set(probe.kind, [...(byKind.get(probe.kind) ?? []), elapsed]);
    }
  }
  return { all: stats(all), cpu: stats(cpu), load: os.loadavg()[0] as number, byKind: [...byKind].map(([kind, times]) => ({ kind, ...stats(times) })), totals };
}

/** Plans of the ranking statement for a common word, a rare word, a prefix, a section filter and a date filter, from the store's own SQL. */
async function plans(store: Store, dialect: Dialect): Promise<string> {
  const captured: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const kysely = store.db.kysely.withPlugin(plugin);
  const db = { ...store.db, kysely };
  const sections = await store.sections.all();
  const news = sections.find((s) => s.slug === 'news');
  const out: string[] = [];
  const now = new Date();
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  for (const [label, text, section, from] of [
    ['common word "council"', 'council', undefined, undefined],
    ['rare word "benitez"', 'benitez', undefined, undefined],
    ['prefix "hou"', 'hou', undefined, undefined],
    ['"ferry" in News', 'ferry', news, undefined],
    ['"storm response", last 30 days', 'storm response', undefined, monthAgo],
  ] as const) {
    captured.length = 0;
    await candidates(db, searchTerms(text), { now, from, section: section && { id: section.id, topLevel: true } }, SEARCH_CANDIDATES + 1);
    const node = captured[0];
    if (!node) continue;
    const compiled = store.db.kysely.getExecutor().compileQuery(node, { queryId: 'explain' } as never);
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain (analyze, buffers, costs off) ';
    const { rows } = await store.db.kysely.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
    const lines = rows.map((r: any) => (dialect === 'sqlite' ? `${r.detail}` : `${r['QUERY PLAN']}`));
    out.push(`-- ${label}\n${lines.join('\n')}`);
  }
  return out.join('\n\n');
}

async function bench(dialect: Dialect, articles: number, rounds: number, adminUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-search-'));
  let dropDb: (() => Promise<void>) | undefined;
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (dialect === 'postgres') {
    const name = `dateline_bench_search_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDb = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  try {
    process.stdout.write(`\n${dialect}: seeding the demo newsroom and ${articles.toLocaleString('en-US')} stories\n`);
    seed(env, articles);
    const store = await openStore(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    if (dialect === 'postgres') await store.db.kysely.executeQuery(CompiledQuery.raw('analyze articles'));
    const result = await measure(store, rounds);
    const plan = await plans(store, dialect);
    await store.db.close();
    return { dialect, ...result, plan };
  } finally {
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '4' },
    postgres: { type: 'string' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
const rounds = Number(values.rounds);
const adminUrl = values.postgres ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dialects: Dialect[] = values['no-postgres'] ? ['sqlite'] : ['sqlite', 'postgres'];

process.stdout.write(`Search benchmark: ${PROBES.length} searches × ${rounds} rounds per database, ${os.cpus().length} CPUs, Node ${process.version}\n`);
for (const dialect of dialects) {
  const r = await bench(dialect, articles, rounds, adminUrl);
  process.stdout.write(`\n## ${r.dialect}, ${articles.toLocaleString('en-US')} synthetic stories\n\n`);
  process.stdout.write('| queries | n | p50 ms | p95 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
  process.stdout.write(`| **all** | ${r.all.n} | ${ms(r.all.p50)} | ${ms(r.all.p95)} | ${ms(r.all.p99)} | ${ms(r.all.max)} |\n`);
  for (const k of r.byKind) process.stdout.write(`| ${k.kind} | ${k.n} | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} | ${ms(k.max)} |\n`);
  process.stdout.write(`| CPU time of the Node process, all | ${r.cpu.n} | ${ms(r.cpu.p50)} | ${ms(r.cpu.p95)} | ${ms(r.cpu.p99)} | ${ms(r.cpu.max)} |\n`);
  process.stdout.write(`\nLoad average (1 min) at the end: ${r.load.toFixed(1)} on ${os.cpus().length} CPUs\n`);
  process.stdout.write('\nMatches per search (+ = capped):\n');
  for (const [probe, total] of r.totals) process.stdout.write(`  ${probe}: ${total}\n`);
  process.stdout.write(`\nQuery plans:\n${r.plan}\n`);
}
