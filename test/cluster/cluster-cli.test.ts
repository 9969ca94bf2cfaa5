// `dateline cluster` refusing to start, as a user meets it: the real CLI in a child process.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findVarnishd } from '../../src/cache-tier/varnishd.js';
import { SKIP_VARNISH } from '../support/varnish.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function dateline(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'VARNISHD', 'PORT', 'DATA_DIR']) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'dateline.js'), 'cluster', ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const POSTGRES = 'postgres://nobody@127.0.0.1:1/never-connected';
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('dateline cluster', () => {
  it('--help shows its usage and exits 0', async () => {
    const result = await dateline(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: dateline cluster \[--nodes N\] \[--port P\]/);
    expect(result.stdout).toContain('apt-get install varnish varnish-modules');
  });

  it('refuses a bad --nodes or --port with the usage', async () => {
    for (const args of [['--nodes', '0'], ['--nodes', 'three'], ['--port', '70000']]) {
      const result = await dateline(args, { DATABASE_URL: POSTGRES });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: dateline cluster');
    }
  });

  it('needs PostgreSQL, and says how to give it', async () => {
    const result = await dateline(['--nodes', '2'], { DATA_DIR: os.tmpdir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dateline cluster needs PostgreSQL, and DATABASE_URL is not set.');
    expect(result.stderr).toMatch(/What to do: .*DATABASE_URL=postgres:\/\//);
  });

  it('names the Debian packages when varnishd is missing', async () => {
    const result = await dateline([], { DATABASE_URL: POSTGRES, VARNISHD: '/nonexistent/varnishd' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('VARNISHD is "/nonexistent/varnishd", which is not an executable program.');
    expect(result.stderr).toContain('sudo apt-get install varnish varnish-modules');
  });

  it.skipIf(SKIP_VARNISH)('names varnish-modules when varnishd has no xkey vmod', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-novmod-'));
    dirs.push(dir);
    await chmod(dir, 0o755);
    // A varnishd that looks for its modules in an empty folder, as one without varnish-modules does.
    const wrapper = path.join(dir, 'varnishd');
    await writeFile(wrapper, `#!/bin/sh\n[ "$1" = -V ] && exec ${findVarnishd()} -V\nexec ${findVarnishd()} -p vmod_path=${dir} "$@"\n`);
    await chmod(wrapper, 0o755);
    const result = await dateline([], { DATABASE_URL: POSTGRES, VARNISHD: wrapper });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/varnish-7\.\d+\.\d+ is installed, but not its xkey vmod \(the varnish-modules package\)\./);
    expect(result.stderr).toContain('sudo apt-get install varnish varnish-modules');
  });
});
