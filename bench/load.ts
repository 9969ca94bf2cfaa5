import { readFileSync } from 'node:fs';
import autocannon, { type Result } from 'autocannon';

export interface LoadOptions {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds first, so the JIT, caches and sockets are warm. */
  warmup: number;
}

export interface LoadResult {
  url: string;
  /** Mean requests per second over the measured seconds. */
  reqPerSec: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Mean response bytes per second. */
  bytesPerSec: number;
  /** CPU the server process used while measured, in % of one core (user + system). */
  serverCpu: number;
  /** CPU this process (autocannon) used while measured, in % of one core. */
  clientCpu: number;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in seconds, from /proc/<pid>/stat; NaN when unreadable. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function summarize(result: Result, serverCpu: number, clientCpu: number): LoadResult {
  return {
    url: result.url,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSec: result.throughput.average,
    serverCpu,
    clientCpu,
  };
}

/** One target, warm-up then measurement, with autocannon in this process; `serverPid` is sampled for CPU. */
export async function load(url: string, options: LoadOptions, serverPid: number): Promise<LoadResult> {
  if (options.warmup > 0) await autocannon({ url, connections: options.connections, duration: options.warmup });
  const server0 = cpuSeconds(serverPid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await autocannon({ url, connections: options.connections, duration: options.duration });
  const wall = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const serverCpu = ((cpuSeconds(serverPid) - server0) / wall) * 100;
  const clientCpu = ((client.user + client.system) / 1e6 / wall) * 100;
  return summarize(result, serverCpu, clientCpu);
}
