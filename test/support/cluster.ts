import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ClusterNode {
  name: string;
  url: string;
  pid: number;
}

/** A running `dateline cluster`, as its banner describes it. */
export interface RunningCluster {
  /** Varnish, where readers go. */
  url: string;
  nodes: ClusterNode[];
  varnishPid: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM to `dateline cluster` and its exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port P with P … P+count-1 free a moment ago. */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portFree(base + i);
    if (free) return base;
  }
  throw new Error(`no block of ${count} free ports found`);
}

/** Reads the lines `dateline cluster` prints once everything answers. */
export function parseClusterBanner(output: string): Omit<RunningCluster, 'child' | 'output' | 'stop'> | undefined {
  const url = /^Dateline cluster is running at (http:\/\/\S+?)\/ /m.exec(output)?.[1];
  const varnishPid = /^ {2}varnish: pid (\d+)/m.exec(output)?.[1];
  if (!url || !varnishPid) return undefined;
  const nodes = [...output.matchAll(/^ {2}(node\d+): (http:\/\/\S+?)\/ \(pid (\d+)/gm)].map((m) => ({ name: m[1] as string, url: m[2] as string, pid: Number(m[3]) }));
  return { url: url.replace('localhost', '127.0.0.1'), nodes, varnishPid: Number(varnishPid) };
}

/**
 * Starts `dateline cluster --nodes N --port P` (the real CLI, in a child
 * process) on a free block of ports and waits for its banner.
 */
export async function startCluster(options: { nodes: number; env: Record<string, string>; args?: string[]; timeoutMs?: number; quiet?: boolean }): Promise<RunningCluster> {
  const port = await freePortBlock(options.nodes + 1);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PORT', 'HOST', 'DEMO', 'SITE_URL', 'CACHE_PURGE_URLS', 'WIRE_INBOX']) delete env[name];
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'dateline.js'), 'cluster', '--nodes', String(options.nodes), '--port', String(port), '--host', '127.0.0.1', ...(options.args ?? [])],
    { cwd: ROOT, env: { ...env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: string) => {
    output = (output + chunk).slice(-2_000_000);
  };
  child.stdout?.setEncoding('utf8').on('data', collect);
  child.stderr?.setEncoding('utf8').on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  for (;;) {
    const banner = parseClusterBanner(output);
    if (banner) {
      return {
        ...banner,
        child,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          const outcome = await exited;
          clearTimeout(timer);
          return outcome;
        },
      };
    }
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dateline cluster exited (${child.exitCode ?? child.signalCode}) before it was running:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`dateline cluster did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether a process with this id is still there. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
