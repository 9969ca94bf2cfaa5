import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNinjsItems } from '../../bench/ninjs-items.js';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';

const ITEMS = 10_000;
const CLI = path.resolve('bin/dateline.js');

function run(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('wire ingest crash safety (sqlite)', () => {
  let work: string;
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('kill -9 during a 10k-item ingest, ingest again: every item present exactly once, no half-written story', async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'dateline-crash-'));
    const dataDir = path.join(work, 'data');
    const inDir = path.join(work, 'in');
    await writeNinjsItems(inDir, ITEMS);
    const setup = await openStore(loadConfig({ DATA_DIR: dataDir }));
    for (const [slug, name] of [['news', 'News'], ['politics', 'Politics'], ['sports', 'Sports']] as const) await setup.sections.create({ slug, name });
    await setup.db.close();
    // Wire rules hold copy for the desk by default; this newsroom publishes its agency at once.
    const rulesFile = path.join(work, 'auto.json');
    await writeFile(rulesFile, JSON.stringify({ name: '*', agency: 'Pacific Wire Service', publish: 'auto' }));
    const env = { DATA_DIR: dataDir, WIRE_RULES: rulesFile };

    // Killed once it is visibly under way (the first progress line comes after a tenth of the files).
    const first = run(['ingest', inDir], env);
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (first.child.exitCode !== null || Date.now() - started > 60_000) {
          clearInterval(check);
          resolve();
        }
      }, 50);
      first.child.stderr?.on('data', (d: Buffer) => {
        if (String(d).includes('Ingesting')) {
          clearInterval(check);
          first.child.kill('SIGKILL');
          resolve();
        }
      });
    });
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const second = await run(['ingest', inDir], env).done;
    expect(second.code, second.stderr).toBe(0);
    const summary = /(\d+) new, (\d+) updated, (\d+) unchanged/.exec(second.stdout);
    expect(summary, second.stdout).not.toBeNull();
    const [, fresh, updated, unchanged] = (summary as RegExpExecArray).map(Number);
    expect(updated).toBe(0);
    // Some items were in before the kill, and the rest came in now: together, all of them.
    expect(unchanged).toBeGreaterThan(0);
    expect((fresh as number) + (unchanged as number)).toBe(ITEMS);

    const store = await openStore(loadConfig({ DATA_DIR: dataDir }));
    try {
      const db = store.db.kysely;
      const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n);
      expect(await count(db.selectFrom('wire_items').select((eb) => eb.fn.countAll<number>().as('n')))).toBe(ITEMS);
      expect(await count(db.selectFrom('wire_items').select((eb) => eb.fn.count<number>('uri').distinct().as('n')))).toBe(ITEMS);
      expect(await count(db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')))).toBe(ITEMS);
      expect(await count(db.selectFrom('wire_versions').select((eb) => eb.fn.countAll<number>().as('n')))).toBe(ITEMS);
      // No wire item without its story, and no story without its wire item.
      expect(await count(db.selectFrom('wire_items as w').leftJoin('articles as a', 'a.id', 'w.article_id').where('a.id', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')))).toBe(0);
      expect(await count(db.selectFrom('articles as a').leftJoin('wire_items as w', 'w.article_id', 'a.id').where('w.id', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')))).toBe(0);
      expect(await count(db.selectFrom('wire_items').select((eb) => eb.fn.count<number>('article_id').distinct().as('n')))).toBe(ITEMS);
      // Every story is whole: its author, its published event.
      expect(await count(db.selectFrom('article_authors').select((eb) => eb.fn.countAll<number>().as('n')))).toBe(ITEMS);
      expect(await count(db.selectFrom('article_events').where('kind', '=', 'published').select((eb) => eb.fn.countAll<number>().as('n')))).toBe(ITEMS);
    } finally {
      await store.db.close();
    }
  }, 300_000);
});
