import type { Targets } from './discover.js';
import { type ExplainReport, formatPlan } from './explain.js';
import type { LoadResult } from './load.js';
import type { Machine } from './machine.js';
import { mb } from './memory.js';

export const PAGES = ['article', 'home', 'sectionFirst', 'sectionDeep'] as const;
export type PageName = (typeof PAGES)[number];

export const PAGE_LABEL: Record<PageName, string> = {
  article: 'Story page',
  home: 'Home page',
  sectionFirst: 'Section front, page 1',
  sectionDeep: 'Section front, deep',
};

export interface Peak {
  /** Highest VmRSS seen by sampling every 200 ms, bytes. */
  sampledPeak: number;
  /** The kernel's high-water mark (VmHWM) when sampling stopped, bytes. */
  hwm: number;
}

export interface SizeResult {
  synthetic: number;
  /** Every story in the database, demo ones included. */
  stories: number;
  seedSeconds: number;
  /** The seeder's own line, e.g. "Added 100000 synthetic stories in 58.2 s (1718 per second)." */
  seederSays: string;
  seederPeak: Peak;
  targets: Targets;
  articleBytes: number;
  /** The baseline, measured before and after the cached pages; the ratio uses their mean. */
  bare: LoadResult[];
  cached: Partial<Record<PageName, LoadResult>>;
  uncached: Partial<Record<PageName, LoadResult>>;
  /** The cached server under load (before the crawl). */
  cachedLoadPeak: Peak;
  /** The cached server after requesting `crawl.pages` distinct stories (a full page cache). */
  crawl: { pages: number; seconds: number; failed: number; rssAfter: number };
  cachedPeak: Peak;
  uncachedPeak: Peak;
  /** VmHWM of the bare node:http server: the floor any Node server starts from. */
  barePeak: number;
  explain?: ExplainReport | undefined;
}

export interface RunResult {
  machine: Machine;
  options: { sizes: number[]; duration: number; warmup: number; connections: number; crawl: number };
  sizes: SizeResult[];
  seconds: number;
}

export interface TargetCheck {
  target: string;
  size: number;
  measured: string;
  pass: boolean;
}

export function bareMean(size: SizeResult): number {
  return size.bare.reduce((sum, r) => sum + r.reqPerSec, 0) / Math.max(1, size.bare.length);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : int(n));

function problems(r: LoadResult): string {
  const bad = [r.non2xx && `${r.non2xx} non-2xx`, r.errors && `${r.errors} errors`, r.timeouts && `${r.timeouts} timeouts`].filter(Boolean);
  return bad.length ? bad.join(', ') : '0';
}

export function checks(run: RunResult): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const size of run.sizes) {
    const bare = bareMean(size);
    for (const page of ['article', 'home'] as const) {
      const r = size.cached[page];
      if (!r) continue;
      const ratio = r.reqPerSec / bare;
      out.push({ target: `${PAGE_LABEL[page]} ≥ 40% of bare req/s`, size: size.synthetic, measured: `${pct(ratio)} (${int(r.reqPerSec)} / ${int(bare)})`, pass: ratio >= 0.4 });
    }
    for (const [kind, set] of [
      ['cached', size.cached],
      ['uncached', size.uncached],
    ] as const) {
      const first = set.sectionFirst;
      const deep = set.sectionDeep;
      if (!first || !deep) continue;
      const ratio = deep.reqPerSec / first.reqPerSec;
      out.push({
        target: `Deep section within 20% of page 1 (${kind})`,
        size: size.synthetic,
        measured: `${pct(ratio)} of page 1 (${int(deep.reqPerSec)} / ${int(first.reqPerSec)}), ${size.targets.deepSteps * 20} stories deep`,
        pass: ratio >= 0.8,
      });
    }
    if (size.synthetic >= 100_000) {
      const peak = Math.max(size.cachedPeak.hwm, size.cachedPeak.sampledPeak);
      const loadPeak = Math.max(size.cachedLoadPeak.hwm, size.cachedLoadPeak.sampledPeak);
      out.push({
        target: 'Peak memory ≤ 200 MB (server RSS, load + full page cache)',
        size: size.synthetic,
        measured: `${mb(peak)} MB (${mb(loadPeak)} MB during the load tests alone)`,
        pass: peak <= 200 * 1024 * 1024,
      });
    }
  }
  return out;
}

/** Server CPU per completed request, µs: steadier than req/s on a shared machine. */
export function cpuPerRequest(r: LoadResult, duration: number): number {
  return r.requests > 0 ? ((r.serverCpu / 100) * duration * 1e6) / r.requests : Number.NaN;
}

/** Rows of one size's table, as cells. */
function rows(size: SizeResult, duration: number): string[][] {
  const bare = bareMean(size);
  const row = (label: string, server: string, path: string, r: LoadResult | undefined): string[] =>
    r
      ? [
          label,
          server,
          path,
          int(r.reqPerSec),
          ms(r.p50),
          ms(r.p99),
          pct(r.reqPerSec / bare),
          (r.bytesPerSec / 1024 / 1024).toFixed(1),
          `${Math.round(r.serverCpu)}% / ${Math.round(r.clientCpu)}%`,
          int(cpuPerRequest(r, duration)),
          problems(r),
        ]
      : [label, server, path, 'not run', '', '', '', '', '', '', ''];
  const out: string[][] = [];
  size.bare.forEach((r, i) => {
    out.push(row(`Bare node:http, same bytes (${i === 0 ? 'before' : 'after'})`, 'bare', '(any)', r));
  });
  const paths: Record<PageName, string> = {
    article: size.targets.article,
    home: size.targets.home,
    sectionFirst: size.targets.sectionFirst,
    sectionDeep: `${size.targets.sectionDeep.replace(/\?.*/, '')}?before=… (${size.targets.deepSteps * 20} deep)`,
  };
  for (const page of PAGES) out.push(row(PAGE_LABEL[page], 'Dateline, page cache 60 s', paths[page], size.cached[page]));
  for (const page of PAGES) out.push(row(PAGE_LABEL[page], 'Dateline, no page cache', paths[page], size.uncached[page]));
  return out;
}

const HEAD = ['Page', 'Server', 'Path', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'MB/s', 'CPU server / autocannon', 'server CPU µs/req', 'non-2xx/errors'];

function markdownTable(head: string[], body: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function textTable(head: string[], body: string[][]): string {
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function sizeFacts(size: SizeResult): string[] {
  return [
    `${int(size.synthetic)} synthetic + demo = ${int(size.stories)} stories; seeding took ${size.seedSeconds.toFixed(1)} s wall (seeder: "${size.seederSays}"), seeder peak RSS ${mb(size.seederPeak.hwm)} MB.`,
    `Story page body ${int(size.articleBytes)} bytes (the bare server sends these bytes).`,
    `Server peak RSS, page cache on: ${mb(size.cachedLoadPeak.hwm)} MB during the load tests; ${mb(size.cachedPeak.hwm)} MB after requesting ${int(size.crawl.pages)} distinct stories (${size.crawl.failed} failed, ${size.crawl.seconds.toFixed(1)} s) to fill the page cache (RSS then ${mb(size.crawl.rssAfter)} MB).`,
    `Server peak RSS, page cache off: ${mb(size.uncachedPeak.hwm)} MB. The bare node:http server peaked at ${mb(size.barePeak)} MB.`,
    `Deep section page: ${size.targets.sectionDeep} — ${size.targets.deepSteps} "Older" links from page 1 (${size.targets.deepSteps * 20} stories deep)${size.targets.deepIsLast ? ', the last page there is' : ''}.`,
  ];
}

export function textReport(run: RunResult): string {
  const out: string[] = [];
  for (const size of run.sizes) {
    out.push('', `== ${int(size.synthetic)} synthetic stories`, textTable(HEAD, rows(size, run.options.duration)), ...sizeFacts(size).map((f) => `  ${f}`));
  }
  out.push('', 'Targets:');
  for (const c of checks(run)) out.push(`  ${c.pass ? 'PASS' : 'FAIL'}  [${int(c.size)}] ${c.target}: ${c.measured}`);
  return out.join('\n');
}

const KEY_QUERIES = (q: { purpose: string; sql: string }) =>
  /from "articles" as "a"/.test(q.sql) && !/"a"\."id" <> \?/.test(q.sql) && !q.purpose.startsWith('story');

export function markdownReport(run: RunResult, notes: string): string {
  const m = run.machine;
  const o = run.options;
  const quick = o.duration < 10 || !o.sizes.includes(100_000);
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts). Edit only between the notes markers; the rest is rewritten on every run. -->',
    '',
    `Run ${m.date}, commit ${m.commit}, ${Math.round(run.seconds)} s in all.${quick ? ' **Quick run** (shorter or fewer sizes than the issue asks): not the figures of record.' : ''}`,
    '',
    '## Machine',
    '',
    `- ${m.cores} cores: ${m.cpu}`,
    `- ${(m.totalMemory / 1024 ** 3).toFixed(1)} GB memory`,
    `- ${m.os}`,
    `- Node ${m.node}`,
    `- Load average at start: ${m.loadAverage.map((l) => l.toFixed(2)).join(', ')} (the machine is shared; compare ratios, not absolute numbers)`,
    '',
    '## Method',
    '',
    `- For each size, a fresh data directory under the OS temp dir; \`node bin/dateline.js seed-demo --articles N\` (the demo newsroom's 50 stories plus N synthetic ones), timed.`,
    '- Dateline runs as its own child process, as `npm start` runs it (`node dist-server/cli.js serve`, compiled by `npm run build:server`; `HOST=127.0.0.1`, `DEMO=false`, `LOG_LEVEL=warn`), once with the page cache (`PAGE_CACHE_SECONDS=60`) and once without (`PAGE_CACHE_SECONDS=0`). Its memory is read from `/proc/<pid>/status` every 200 ms (VmRSS) and at the end (VmHWM, the kernel\'s peak).',
    '- The baseline is a bare `node:http` server in another child process answering every request with the story page\'s exact bytes (fetched once from Dateline), `content-type: text/html`. It is measured before and after the cached pages; ratios use the mean of the two.',
    `- autocannon 9 runs in the benchmark process: ${o.connections} connections, ${o.warmup} s warm-up (discarded), then ${o.duration} s measured, one target at a time. req/s is autocannon's per-second mean. "CPU" is user + system time of the server process (from /proc/<pid>/stat) and of the benchmark process over the measured seconds, in % of one core: on 2 cores, a server well under 100% means the client, the kernel or other tenants, not the server, set the pace. "Server CPU µs/req" divides the server's CPU time by the requests it completed: it moves much less than req/s when the machine is busy.`,
    '- URLs are found as a reader would: the first story on `/news`, `/`, `/news`, and the page reached by following the "Older" link 50 times from `/news` (20 stories a page, so 1,000 stories deep; with fewer stories, the deepest page).',
    `- After the cached load tests, ${int(o.crawl)} distinct story pages are requested (8 at a time) so the page cache (2,000 entries at most) is full, and peak memory is read again: the worst case the cache bound allows.`,
    '- Benchmarks are a script, never a timed test: the machine is shared and noisy, so targets are judged on ratios within one run.',
    '',
    '## Targets',
    '',
    markdownTable(
      ['Target', 'Stories', 'Measured', 'Result'],
      checks(run).map((c) => [c.target, int(c.size), c.measured, c.pass ? 'pass' : '**FAIL**']),
    ),
    '',
    'Note: with the page cache on, every target above measures the cache, not the database; the "no page cache" rows are the honest cost of rendering and of keyset pagination at depth.',
    '',
  ];
  for (const size of run.sizes) {
    out.push(`## ${int(size.synthetic)} synthetic stories`, '', markdownTable(HEAD, rows(size, run.options.duration)), '', ...sizeFacts(size).map((f) => `- ${f}`), '');
  }
  const withPlans = [...run.sizes].reverse().find((s) => s.explain);
  if (withPlans?.explain) {
    const e = withPlans.explain;
    out.push(
      '## Query plans',
      '',
      `\`EXPLAIN QUERY PLAN\` on the ${int(withPlans.synthetic)}-story database (SQLite ${e.sqliteVersion}), from \`npx tsx bench/explain.ts <dateline.sqlite>\`. The SQL is what the store code actually sends (captured through Kysely's log), not retyped.`,
      '',
      ...e.verdicts.map((v) => `- ${v.ok ? 'OK' : '**Problem**'}: ${v.text}`),
      '',
    );
    let last = '';
    for (const q of e.queries.filter(KEY_QUERIES)) {
      if (q.purpose !== last) {
        out.push(`### ${q.purpose[0]?.toUpperCase()}${q.purpose.slice(1)}`, '');
        last = q.purpose;
      }
      out.push('```sql', q.sql, `-- parameters: ${JSON.stringify(q.parameters)}`, '```', '```', formatPlan(q.plan), '```', '');
    }
    out.push('<details><summary>Every other statement those pages run (teasers, authors, pictures, the story itself)</summary>', '');
    for (const q of e.queries.filter((q) => !KEY_QUERIES(q))) {
      out.push(`${q.purpose}:`, '', '```', q.sql, formatPlan(q.plan), '```', '');
    }
    out.push('</details>', '');
  }
  out.push('## Notes', '', '<!-- notes:start -->', notes.trim() || '_No notes yet._', '<!-- notes:end -->', '');
  return out.join('\n');
}

/** The hand-written notes of an earlier report, kept across runs. */
export function existingNotes(markdown: string): string {
  return /<!-- notes:start -->\n?([\s\S]*?)<!-- notes:end -->/.exec(markdown)?.[1] ?? '';
}
