#!/usr/bin/env node
// npm run bench:first-start [-- --dir CLONE] [--runs N] [--port P]
//
// How long the first `npm start` takes to answer GET / with 200 in a fresh data folder (the demo newsroom
// is seeded on the way), next to a second start of the same folder (already seeded) and a bare Node HTTP
// server started the same way (the floor: spawning node and answering once). Each start runs `npm start`
// in DIR (default: this checkout) with DATA_DIR set to a new empty folder, polls GET / every 25 ms, and is
// stopped once it answers. After the first start it keeps polling until every picture on the home page
// offers AVIF, i.e. the demo's background rendition jobs are done, and reports that too.
//
// For the number the README promises, point --dir at a fresh clone: git clone . /tmp/c && (cd /tmp/c && npm ci).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '4510' },
    'no-pictures': { type: 'boolean', default: false },
  },
});
const dir = path.resolve(values.dir ?? path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const runs = Number(values.runs);
const port = Number(values.port);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('Usage: npm run bench:first-start -- [--dir DIR] [--runs N] [--port P] [--no-pictures]');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: '' };
  }
}

/**
 * CPU seconds (user + system) used so far by every process of a process group, including children
 * that already exited (the build step): less sensitive to a busy machine than wall time. Linux only.
 */
function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100;
}

/** Spawns `command` in its own process group and polls until GET / answers 200; returns ms from spawn. */
async function startAndTime(command, args, env, { timeoutMs = 180_000 } = {}) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 100 && !exited; i++) await sleep(50);
      if (!exited) process.kill(-child.pid, 'SIGKILL');
    }
  };
  while (performance.now() - started < timeoutMs) {
    if (exited) throw new Error(`${command} ${args.join(' ')} stopped before answering:\n${output}`);
    const answer = await get(`http://127.0.0.1:${env.PORT}/`);
    if (answer.status === 200) return { ms: performance.now() - started, cpu: groupCpuSeconds(child.pid), stop, output: () => output, html: answer.text };
    await sleep(25);
  }
  await stop();
  throw new Error(`no 200 within ${timeoutMs / 1000} s:\n${output}`);
}

/** ms until every <picture> on the home page has an AVIF source (the background renditions are done). */
async function picturesDone(startedAt, timeoutMs = 600_000) {
  while (performance.now() - startedAt < timeoutMs) {
    const { status, text } = await get(`http://127.0.0.1:${port}/`);
    const pictures = text.match(/<picture>[\s\S]*?<\/picture>/g) ?? [];
    if (status === 200 && pictures.length > 0 && pictures.every((p) => p.includes('image/avif'))) return performance.now() - startedAt;
    await sleep(500);
  }
  return Number.NaN;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

const bare = `require('node:http').createServer((q, r) => r.end('ok')).listen(${port}, '127.0.0.1')`;
const results = { bare: [], first: [], second: [], pictures: [], firstCpu: [], secondCpu: [] };
for (let run = 1; run <= runs; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dateline-first-start-'));
  const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  try {
    const floor = await startAndTime(process.execPath, ['-e', bare], env);
    await floor.stop();
    results.bare.push(floor.ms);

    const t0 = performance.now();
    const first = await startAndTime('npm', ['start'], env);
    results.first.push(first.ms);
    results.firstCpu.push(first.cpu);
    if (!values['no-pictures']) results.pictures.push(await picturesDone(t0));
    await first.stop();
    const seeded = /Seeded the demo newsroom[^\n]*/.exec(first.output())?.[0] ?? '(no seeding line)';

    const second = await startAndTime('npm', ['start'], env);
    await second.stop();
    results.second.push(second.ms);
    results.secondCpu.push(second.cpu);
    console.log(
      `run ${run}: bare node ${s(floor.ms)}, first npm start ${s(first.ms)} (${first.cpu.toFixed(2)} CPU s; ${seeded}), all pictures ${s(results.pictures.at(-1) ?? Number.NaN)}, second start ${s(second.ms)} (${second.cpu.toFixed(2)} CPU s)`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const floor = median(results.bare);
console.log(`\n${dir}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
console.log(`median of ${runs}: first start to first 200 ${s(median(results.first))} (${(median(results.first) / floor).toFixed(1)}x bare node ${s(floor)}), ${median(results.firstCpu).toFixed(2)} CPU s`);
console.log(`                 second start ${s(median(results.second))} (${(median(results.second) / floor).toFixed(1)}x bare node), ${median(results.secondCpu).toFixed(2)} CPU s`);
if (results.pictures.length > 0) console.log(`                 every home-page picture with AVIF ${s(median(results.pictures))} after the first spawn`);
