// `dateline jobs` as an operator meets it: the real CLI in a child process against a real database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/test-site.js';
import { type JobTestDb, jobTestDb } from './support/job-store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'dateline.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dateline(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const clean = { ...process.env };
    for (const name of ['DATABASE_URL', 'DATA_DIR', 'DEMO', 'LOG_LEVEL']) delete clean[name];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...clean, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('dateline jobs --help', () => {
  it('explains the command and each subcommand, and refuses an unknown one', async () => {
    const top = await dateline(['jobs', '--help'], {});
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: dateline jobs <list|retry|cancel>');
    for (const sub of ['list', 'retry', 'cancel']) {
      const help = await dateline(['jobs', sub, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: dateline jobs ${sub}`);
    }
    const wrong = await dateline(['jobs', 'purge'], {});
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('there is no jobs subcommand "purge"');
  });
});

for (const dialect of DIALECTS) {
  describe(`dateline jobs on ${dialect}`, () => {
    let db: JobTestDb;
    let failed: number;
    let waiting: number;
    let done: number;
    const run = (...args: string[]) => dateline(['jobs', ...args], db.env);

    beforeAll(async () => {
      db = await jobTestDb(dialect);
      const { store } = db;
      const add = (kind: string, key?: string) => store.jobs.enqueue(store.db.kysely, { kind, payload: { to: 'https://hooks.example.test' }, ...(key && { key }) }) as Promise<number>;
      failed = await add('webhook.deliver', '41');
      done = await add('wire.picture');
      waiting = await add('article.publish', '7');
      const now = new Date();
      const [claimedFailed] = await store.jobs.claim('webhook.deliver', 1, { nodeId: 'n1', now, leaseMs: 10_000 });
      await store.jobs.fail(claimedFailed!, 'the receiver answered 503', now);
      const [claimedDone] = await store.jobs.claim('wire.picture', 1, { nodeId: 'n1', now, leaseMs: 10_000 });
      await store.jobs.complete(store.db.kysely, claimedDone!, now);
    });
    afterAll(() => db?.close());

    it('lists jobs newest first with state, tries, key and last error, and filters by state and kind', { timeout: 30_000 }, async () => {
      const all = await run('list');
      expect(all.code).toBe(0);
      const lines = all.stdout.split('\n');
      expect(lines[0]).toMatch(/^ID\s+STATE\s+KIND\s+TRIES\s+WHEN\s+KEY\s+LAST ERROR$/);
      expect(lines[1]).toMatch(new RegExp(`^${waiting}\\s+waiting\\s+article\\.publish\\s+0/-\\s+due `));
      expect(all.stdout).toMatch(new RegExp(`${failed}\\s+failed\\s+webhook\\.deliver\\s+1/-\\s+ended .*\\s41\\s+the receiver answered 503`));
      expect(all.stdout).toContain('1 waiting, 0 running, 1 done, 1 failed, 0 cancelled');

      const json = await run('list', '--state', 'failed', '--json');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject([{ id: failed, state: 'failed', kind: 'webhook.deliver', key: '41', lastError: 'the receiver answered 503' }]);
      const byKind = JSON.parse((await run('list', '--kind', 'wire.picture', '--json')).stdout);
      expect(byKind.map((j: { id: number }) => j.id)).toEqual([done]);
    });

    it('says what is wrong with a bad option, and exits 2', async () => {
      const state = await run('list', '--state', 'stuck');
      expect(state.code).toBe(2);
      expect(state.stderr).toContain('--state must be one of waiting, running, done, failed, cancelled; got "stuck"');
      const limit = await run('list', '--limit', '0');
      expect(limit.code).toBe(2);
      expect(limit.stderr).toContain('--limit must be a whole number from 1 to 10000');
      const misplaced = await run('cancel', '3', '--failed');
      expect(misplaced.code).toBe(2);
      expect(misplaced.stderr).toContain('--failed is not an option of jobs cancel');
    });

    it('retries a failed job, refuses a done one, and names a missing one', { timeout: 30_000 }, async () => {
      const retried = await run('retry', String(failed));
      expect(retried).toMatchObject({ code: 0, stdout: `Job ${failed} is waiting again, due now.\n` });
      expect(await db.store.jobs.byId(failed)).toMatchObject({ state: 'waiting', attempts: 0, lastError: 'the receiver answered 503' });

      const again = await run('retry', String(done));
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`Job ${done} is done; only failed or cancelled jobs can be retried.`);
      const missing = await run('retry', '999999');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('There is no job with id 999999.');
      expect(missing.stderr).toContain('What to do: See the ids with: dateline jobs list');
      const bad = await run('retry', 'seven');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"seven" is not a job id.');
    });

    it('cancels a waiting job, then retries every failed or cancelled one with --failed', { timeout: 30_000 }, async () => {
      const cancelled = await run('cancel', String(waiting));
      expect(cancelled).toMatchObject({ code: 0, stdout: `Cancelled job ${waiting}.\n` });
      expect(await db.store.jobs.byId(waiting)).toMatchObject({ state: 'cancelled', lastError: 'cancelled by hand' });
      const twice = await run('cancel', String(waiting));
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain(`Job ${waiting} is already cancelled`);

      const [claimed] = await db.store.jobs.claim('webhook.deliver', 1, { nodeId: 'n2', now: new Date(), leaseMs: 10_000 });
      await db.store.jobs.fail(claimed!, 'the receiver answered 500', new Date());
      const all = await run('retry', '--failed');
      expect(all).toMatchObject({ code: 0, stdout: `Retried 1 job(s): ${failed}.\n` });
      const none = await run('retry', '--failed', '--kind', 'webhook.deliver');
      expect(none.stdout).toBe('No failed jobs to retry.\n');
    });
  });
}
