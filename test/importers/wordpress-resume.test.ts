import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/index.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';
import { item, wxr } from './support/wxr.js';

// `dateline import wordpress` killed with SIGKILL mid-run, then run again: every post exactly once.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/dateline.js');
/** Five transactions' worth (posts commit 200 at a time). */
const POSTS = 1000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

for (const dialect of DIALECTS) {
  describe(`dateline import wordpress killed and run again (${dialect})`, () => {
    let dir: string;
    let file: string;
    let env: Record<string, string>;
    let dropDb: (() => Promise<void>) | undefined;
    let store: Store | undefined;
    const children = new Set<ChildProcess>();

    function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const done = new Promise<Run>((resolve) =>
        child.once('close', (code) => {
          children.delete(child);
          resolve({ code, stdout, stderr });
        }),
      );
      return { child, done };
    }

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-wp-resume-'));
      file = path.join(dir, 'export.xml');
      const categories = [{ slug: 'city', name: 'City' }];
      const items = Array.from({ length: POSTS }, (_, i) =>
        item({ id: 1000 + i, title: `Council notes ${i}`, slug: `council-notes-${i}`, content: `Paragraph one of ${i}.\n\nParagraph two.`, categories, comments: i % 3 }),
      );
      await writeFile(file, wxr({ categories, items }));
      env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
      if (dialect === 'postgres') {
        const db = await createPostgresDatabase();
        env.DATABASE_URL = db.url;
        dropDb = db.drop;
      }
    });

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await store?.db.close();
      await dropDb?.();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('finishes with every post once, and a third run changes nothing', { timeout: 180_000 }, async () => {
      // The schema exists before the child starts, so the two never migrate at once.
      store = await openStore(loadConfig({ ...env }));
      const count = async () => Number((await store!.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const first = start(['import', 'wordpress', file]);
      // Killed once some batches have committed and before the last has.
      const deadline = Date.now() + 90_000;
      while ((await count()) === 0 && first.child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.code).toBeNull();
      expect(killed.stderr).not.toMatch(/unexpected error/);
      const before = await count();
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(POSTS);
      // Whole batches or nothing: every story there has its source key.
      const keysBefore = await store.db.kysely.selectFrom('import_keys').select('key').where('kind', '=', 'story').execute();
      expect(keysBefore).toHaveLength(before);

      const second = await start(['import', 'wordpress', file]).done;
      expect(second.stderr).not.toMatch(/unexpected error/);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`Imported from wordpress:https://old.example.org: ${POSTS - before} stories.`);
      expect(second.stdout).toMatch(new RegExp(`Already imported earlier \\(unchanged\\): .*${before} stories`));
      expect(second.stdout).toContain(`Comments left behind (Dateline has no comments): ${Array.from({ length: POSTS }, (_, i) => i % 3).reduce((a, b) => a + b, 0)}.`);
      expect(await count()).toBe(POSTS);
      const keys = await store.db.kysely.selectFrom('import_keys').select('target_id').where('kind', '=', 'story').execute();
      expect(new Set(keys.map((k) => k.target_id)).size).toBe(POSTS);
      const headlines = await store.db.kysely.selectFrom('articles').select('headline').execute();
      expect(new Set(headlines.map((h) => h.headline)).size).toBe(POSTS);

      const third = await start(['import', 'wordpress', file]).done;
      expect(third.code).toBe(0);
      expect(third.stdout).toContain('Imported from wordpress:https://old.example.org: nothing.');
      expect(await count()).toBe(POSTS);
    });

    it('says what is wrong with a missing file or a wrong flag, and exits non-zero', async () => {
      const missing = await start(['import', 'wordpress', path.join(dir, 'nope.xml')]).done;
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('There is no file');
      const both = await start(['import', 'wordpress', file, '--as-drafts', '--publish-as-is']).done;
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('choose one of --publish-as-is and --as-drafts');
    });
  });
}
