import type { Machine } from './machine.js';

export interface LoadNumbers {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The machine's 1-minute load average when this load began. */
  loadAverage: number;
}

export interface ClusterReport {
  machine: Machine;
  options: { articles: number; duration: number; connections: number; nodes: number };
  mix: string;
  distinct: number;
  throughVarnish: LoadNumbers;
  direct: LoadNumbers;
  hits: number;
  misses: number;
  graceHits: number;
  passes: number;
  backendFetches: number;
  /** Commit (the newsroom API's answer) to the first fresh copy through Varnish, per change. */
  latencies: Array<{ kind: 'update' | 'publish'; ms: number }>;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (n: number) => (Number.isFinite(n) ? `${int(n)} ms` : 'never (30 s)');

/** The "Cache tier" section of docs/benchmarks.md, between its markers. */
export function clusterSection(r: ClusterReport): string {
  const ratio = r.hits / Math.max(1, r.hits + r.misses);
  const all = r.latencies.map((l) => l.ms);
  const of = (kind: 'update' | 'publish') => r.latencies.filter((l) => l.kind === kind).map((l) => l.ms);
  const p95 = percentile(all, 95);
  const row = (name: string, l: LoadNumbers) =>
    `| ${name} | ${int(l.reqPerSec)} | ${l.p50} | ${l.p99} | ${int(l.requests)} | ${l.non2xx + l.errors} | ${l.loadAverage.toFixed(1)} |`;
  const m = r.machine;
  return [
    '<!-- cache-tier:start (written by `npm run bench:cluster`, bench/cluster.ts) -->',
    '## Cache tier: a cluster behind Varnish',
    '',
    `Run ${m.date}, commit ${m.commit}. ${m.cores} cores (${m.cpu}), load average at start ${m.loadAverage.map((n) => n.toFixed(2)).join(', ')}; ${m.node}. Everything ran on this one machine: PostgreSQL, varnishd, ${r.options.nodes} Dateline nodes and autocannon.`,
    '',
    `Setup: \`dateline cluster --nodes ${r.options.nodes}\` (compiled, with the heap flags of \`npm start\`) over a PostgreSQL database holding the demo newsroom and ${int(r.options.articles)} synthetic stories; varnishd 7.1 with the shipped VCL and \`-s malloc,256m\`. Reader traffic is a fixed replay of 2,000 requests over ${int(r.distinct)} URLs (${r.mix}), sent by ${r.options.connections} autocannon connections for ${r.options.duration} s after a 3 s warm-up. Meanwhile the newsroom API, on each node in turn, changes something every 2 s: two updates of a home-page story's headline (a soft purge of its key) for every new story published (its section, home and feeds). Latency is from the API's answer (the commit) to the first response through Varnish that shows the change, polled every 10 ms.`,
    '',
    '| Target | Measured | Result |',
    '|---|---|---|',
    `| Hit ratio ≥ 95% | ${(ratio * 100).toFixed(2)}% (${int(r.hits)} hits, ${int(r.misses)} misses) | ${ratio >= 0.95 ? 'pass' : 'fail'} |`,
    `| Commit to fresh content through Varnish, p95 ≤ 1 s | ${ms(p95)} over ${all.length} changes | ${p95 <= 1000 ? 'pass' : 'fail'} |`,
    '',
    '| Target of the load | req/s | p50 ms | p99 ms | requests | errors and non-2xx | load average (1 min) at its start |',
    '|---|---|---|---|---|---|---|',
    row(`Varnish, ${r.options.nodes} nodes, publishing every 2 s`, r.throughVarnish),
    row('One node directly (its page cache on), no publishing', r.direct),
    '',
    `- Through Varnish: ${(r.throughVarnish.reqPerSec / Math.max(1, r.direct.reqPerSec)).toFixed(1)}× one node's req/s. Of the hits, ${int(r.graceHits)} were stale copies served in grace while a fresh one was fetched (soft purges); ${int(r.backendFetches)} fetches reached the nodes in all.`,
    `- Commit to fresh content: updates p50 ${ms(percentile(of('update'), 50))}, p95 ${ms(percentile(of('update'), 95))}, worst ${ms(Math.max(...of('update'), 0))}; new stories on their section front p50 ${ms(percentile(of('publish'), 50))}, worst ${ms(Math.max(...of('publish'), 0))}.`,
    '- One node directly serves from its in-process page cache (`PAGE_CACHE_SECONDS=60`), warmed for 3 s first like Varnish. That page cache renders a page again when its copy expires and does not coalesce concurrent misses (each request renders), while Varnish makes one fetch and queues the rest; how much of the gap each part explains on this saturated machine was not profiled.',
    '- Every component shares the same cores, so req/s here is bounded by the machine, not by Varnish: compare the two rows of one run, not runs on different days.',
    '<!-- cache-tier:end -->',
  ].join('\n');
}
