import type { ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { buildVcl, type VclOptions } from '../../src/cache-tier/varnish-config.js';
import { checkVarnish, findVarnishd, spawnVarnishd, varnishTempDir } from '../../src/cache-tier/varnishd.js';

const ci = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Whether suites that need varnishd skip: only off CI, when it is missing
 * (`.ci/run` installs varnish and varnish-modules, so CI never skips).
 */
export const SKIP_VARNISH = !ci && findVarnishd() === undefined;

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestVarnish {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts varnishd -F with the shipped VCL for these nodes, on its own work directory, and waits until it answers. */
export async function startVarnish(options: VclOptions): Promise<TestVarnish> {
  const { varnishd } = await checkVarnish();
  const dir = await varnishTempDir('dateline-varnish-');
  const vclFile = path.join(dir, 'dateline.vcl');
  await writeFile(vclFile, await buildVcl(options));
  const port = await freePort();
  const child = spawnVarnishd({ varnishd, vclFile, listen: `127.0.0.1:${port}`, workDir: path.join(dir, 'work'), storage: 'malloc,64m' });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'dateline-start-check' } });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`varnishd did not answer on ${url} within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
