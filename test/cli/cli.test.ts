// The `dateline` command as a user meets it: the real CLI in a child process, asserting on what
// it prints and how it exits. Every run gets its own DATA_DIR under the system temp folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoStories } from '../../src/demo/demo-stories.js';
import { demoWorkflowStories } from '../../src/demo/demo-workflow-stories.js';

/** Every story the demo seeds: the published ones and the newsroom's drafts and submissions. */
const DEMO_TOTAL = demoStories.length + demoWorkflowStories.length;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'dateline.js');
const SLOW = 120_000;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a user would have: none of Dateline's own variables unless a test sets them. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'DEMO', 'SITE_URL', 'SITE_NAME', 'SITE_TIME_ZONE', 'LOG_LEVEL', 'PAGE_CACHE_SECONDS']) {
    delete env[name];
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

const running = new Set<ChildProcess>();

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Runs `dateline ARGS` to the end. */
function dateline(args: string[], env: Record<string, string> = {}, timeoutMs = SLOW - 10_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dateline ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A running `dateline serve`, once it has said where it listens. */
interface Server {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<Outcome>;
}

function serve(env: Record<string, string>, timeoutMs = SLOW - 20_000): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = start(['serve'], env);
    let stdout = '';
    let stderr = '';
    const closed = new Promise<Outcome>((done) =>
      child.once('close', (code, signal) => done({ code, signal, stdout, stderr })),
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dateline serve did not start in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^Dateline is running at http:\/\/localhost:(\d+)\/(?: |$)/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          port: Number(match[1]),
          stdout: () => stdout,
          stderr: () => stderr,
          async stop() {
            child.kill('SIGTERM');
            const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
            const outcome = await closed;
            clearTimeout(timeout);
            return outcome;
          },
        });
      }
    });
    void closed.then((outcome) => {
      clearTimeout(timer);
      reject(new Error(`dateline serve exited (code ${outcome.code}) before it was running\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`));
    });
  });
}

function countStories(dataDir: string): number {
  const db = new BetterSqlite3(path.join(dataDir, 'dateline.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from articles').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-cli-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  // A test that failed half-way must not leave its server running.
  for (const child of running) child.kill('SIGKILL');
});

afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('dateline --help and usage errors', () => {
  it('lists its commands', async () => {
    const result = await dateline(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: dateline <command>/);
    for (const command of ['serve', 'migrate', 'seed-demo']) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\s+\\S`, 'm'));
  });

  it.each(['serve', 'migrate', 'seed-demo'])('dateline %s --help shows its usage and exits 0', async (command) => {
    const result = await dateline([command, '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Usage: dateline ${command}`);
    expect(result.stdout).toContain('--help');
    expect(result.stderr).toBe('');
  });

  it('says an unknown command does not exist and exits 2', async () => {
    const result = await dateline(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no command "frobnicate"');
    expect(result.stderr).toContain('Usage: dateline <command>');
  });

  it('rejects an unknown option with the command usage and exits 2', async () => {
    const result = await dateline(['migrate', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/frobnicate/);
    expect(result.stderr).toContain('Usage: dateline migrate');
  });

  it('seed-demo --articles x exits 2 with the reason', async () => {
    const result = await dateline(['seed-demo', '--articles', 'x'], { DATA_DIR: await tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--articles must be a whole number');
    expect(result.stderr).toContain('"x"');
  });
});

describe('dateline migrate', () => {
  it('creates the SQLite file on first run and is up to date on the second', { timeout: SLOW }, async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const first = await dateline(['migrate'], { DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): /);
    expect(existsSync(path.join(dataDir, 'dateline.sqlite'))).toBe(true);

    const second = await dateline(['migrate'], { DATA_DIR: dataDir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('The database is up to date.\n');
  });
});

describe('dateline serve refuses to start, and says why', () => {
  it('when PostgreSQL cannot be reached', { timeout: SLOW }, async () => {
    const result = await dateline(['serve'], { DATA_DIR: await tempDir(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Cannot reach PostgreSQL at');
    expect(result.stderr).toContain('What to do:');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('when DATA_DIR cannot be created', { timeout: SLOW }, async () => {
    const file = path.join(await tempDir(), 'a-file');
    await writeFile(file, 'not a folder');
    const result = await dateline(['serve'], { DATA_DIR: path.join(file, 'data') });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/data directory .*a-file\/data.* cannot be created or written/);
    expect(result.stderr).toContain('What to do: Set DATA_DIR');
  });

  it('when the port is already in use', { timeout: SLOW }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await dateline(['serve'], { DATA_DIR: await tempDir(), HOST: '127.0.0.1', PORT: String(port), DEMO: 'false' });
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
      expect(result.stderr).toMatch(/What to do: .*another port/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('when PORT is not a number', { timeout: SLOW }, async () => {
    const result = await dateline(['serve'], { DATA_DIR: await tempDir(), PORT: 'abc' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('PORT is "abc"');
    expect(result.stderr).toContain('What to do: Set PORT');
  });
});

describe('dateline serve runs the site', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = path.join(await tempDir(), 'data');
  });

  it('seeds, serves the home page on PORT=0 and stops cleanly on SIGTERM', { timeout: SLOW }, async () => {
    const server = await serve({ DATA_DIR: dataDir, PORT: '0' });
    expect(server.port).toBeGreaterThan(0);
    expect(server.stdout()).toMatch(new RegExp(`^Seeded the demo newsroom: ${DEMO_TOTAL} stories \\(\\d+\\.\\d s\\)\\.$`, 'm'));
    expect(server.stdout().match(/Dateline is running at /g)).toHaveLength(1);

    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<nav id="site-menu"');

    const outcome = await server.stop();
    expect(outcome.signal).toBeNull();
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('Received SIGTERM, closing.');
    expect(countStories(dataDir)).toBe(DEMO_TOTAL);
  });

  it('does not seed the demo newsroom a second time on the same DATA_DIR', { timeout: SLOW }, async () => {
    if (!existsSync(path.join(dataDir, 'dateline.sqlite'))) await (await serve({ DATA_DIR: dataDir, PORT: '0' })).stop();
    expect(countStories(dataDir)).toBe(DEMO_TOTAL);

    const server = await serve({ DATA_DIR: dataDir, PORT: '0' });
    expect(server.stdout()).not.toContain('Seeded');
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
    const outcome = await server.stop();
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(countStories(dataDir)).toBe(DEMO_TOTAL);
  });
});

describe('dateline seed-demo', () => {
  it('seeds the demo newsroom and adds --articles synthetic stories', { timeout: SLOW }, async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const result = await dateline(['seed-demo', '--articles', '300'], { DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Seeded the demo newsroom: ${DEMO_TOTAL} stories.`);
    expect(result.stdout).toMatch(/^Added 300 synthetic stories in \d+\.\d s \(\d+ per second\)\.$/m);
    // Not a terminal: progress comes as plain lines on stderr, ending with the total.
    expect(result.stderr).toContain('Adding stories: 300/300');
    expect(countStories(dataDir)).toBe(DEMO_TOTAL + 300);
  });
});
