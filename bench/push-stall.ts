/**
 * `npx tsx bench/push-stall.ts [--items 500] [--db sqlite|postgres] [--cold] [--runs 1] [--profile]`: the
 * longest event-loop stall while one push of N wire items is stored and the jobs it starts run, after one
 * small push has warmed the server (--cold: without it, so the validators' one-time compilation counts too).
 * --runs pushes that many fresh batches one after another (each its own numbers). --profile samples the
 * main thread during each push and says, for every stall that took over 20 ms of CPU, which functions it was spent in.
 * PostgreSQL needs TEST_DATABASE_URL (a new database is made and dropped).
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startTestSite } from '../test/support/test-site.js';
import { PWS_RULES, pwsStory } from '../test/wire/wire-helpers.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '500' },
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '1' },
    cold: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const dialect = values.db === 'postgres' ? 'postgres' : 'sqlite';
const site = await startTestSite(dialect, { env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', RATE_LIMIT_PUSH: '0', WIRE_POLLING: 'false', SCHEDULER_INTERVAL_MS: '0' } });
const inspector = values.profile ? new Session() : undefined;
try {
  const token = (await site.store.wirePush.create('bench', JSON.stringify(PWS_RULES))).token;
  const push = (body: unknown[]) =>
    fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const story = (uri: string, headline: string) => JSON.parse(new TextDecoder().decode(pwsStory({ uri, headline }))) as unknown;
  // A running server has taken pushes before: one small push first compiles the feed validators and loads the
  // ingest modules (a one-time cost, measured with --cold), so what follows is the steady state.
  if (!values.cold) {
    await push([story('urn:bench:stall:warm', 'Warm-up item about the harbor')]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 500 });
  }
  process.stdout.write(`${dialect}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);
  for (let run = 0; run < Number(values.runs); run++) {
    const items = Array.from({ length: Number(values.items) }, (_, i) => story(`urn:bench:stall:${run}:${i}`, `Bench item ${i} of run ${run} about the harbor`));
    if (inspector) await inspector.post('Profiler.start');
    // Stalls longer than 30 ms, as [start, end] in microseconds of the clock the profiler uses, and the most
    // CPU the main thread spent between two ticks: on a loaded machine a stall's wall time includes waiting
    // for a core, its CPU time does not (it is what the stall would be on a quiet machine).
    const stalls: Array<[number, number, number]> = [];
    let last = process.hrtime.bigint();
    let lastCpu = mainThreadCpuNs();
    let longestCpu = 0n;
    const ticker = setInterval(() => {
      const now = process.hrtime.bigint();
      const cpu = mainThreadCpuNs();
      if (now - last > 30_000_000n) stalls.push([Number(last / 1000n), Number(now / 1000n), Number(cpu - lastCpu) / 1e6]);
      if (cpu - lastCpu > longestCpu) longestCpu = cpu - lastCpu;
      last = now;
      lastCpu = cpu;
    }, 5);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const startedUs = Number(process.hrtime.bigint() / 1000n);
    const pushed = await push(items);
    const took = performance.now() - started;
    // The related-stories and webhook jobs the push started run after the answer; their stalls count too.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    loop.disable();
    clearInterval(ticker);
    if (!pushed.ok) process.stdout.write(`${(await pushed.text()).slice(0, 600)}\n`);
    process.stdout.write(
      `push of ${items.length}: HTTP ${pushed.status} in ${Math.round(took)} ms; longest stall ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms); most main-thread CPU in one stall ${(Number(longestCpu) / 1e6).toFixed(1)} ms\n`,
    );
    const profile = inspector ? ((await inspector.post('Profiler.stop')).profile as CpuProfile) : undefined;
    for (const [from, to, cpuMs] of stalls) {
      process.stdout.write(`  stall ${Math.round((to - from) / 1000)} ms (CPU ${cpuMs.toFixed(1)} ms) ending at +${Math.round((to - startedUs) / 1000)} ms\n`);
      if (profile && cpuMs >= 20) process.stdout.write(whereItWent(profile, from, to));
    }
  }
} finally {
  inspector?.disconnect();
  await site.close();
}

/** CPU time of the main thread so far, in nanoseconds (Linux schedstat: this thread only, not the worker threads or GC helpers). */
function mainThreadCpuNs(): bigint {
  return BigInt(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0] ?? '0');
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The functions that ran between `from` and `to`: most self time, and our own frames by time spent under them. */
function whereItWent(profile: CpuProfile, from: number, to: number): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = (id: number) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/^.*?\/(src|bench|test)\//, '$1/')}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const under = new Map<string, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if (time < from || time > to) continue;
    const id = profile.samples[i]!;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(label(id), (self.get(label(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const name = label(p);
      if (name.includes('src/') && !seen.has(name)) {
        seen.add(name);
        under.set(name, (under.get(name) ?? 0) + ms);
      }
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `      ${ms.toFixed(1).padStart(6)} ms ${name}`)
      .join('\n');
  return `    self:\n${top(self, 6)}\n    under our frames:\n${top(under, 12)}\n`;
}
