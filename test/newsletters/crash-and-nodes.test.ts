import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { NewsletterDesk } from '../../src/newsletters/index.js';
import type { Dialect, Store } from '../../src/store/index.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

const NODE_SCRIPT = fileURLToPath(new URL('./support/send-node.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Setup {
  env: Record<string, string>;
  store: Store;
  smtp: SmtpSink;
  close(): Promise<void>;
}

/** A database with one list of `subscribers` confirmed addresses, and a mail sink; nothing runs jobs yet. */
async function setup(dialect: Dialect, subscribers: number): Promise<Setup> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-send-'));
  const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const smtp = await startSmtpSink({ parse: false });
  const env = { DATA_DIR: dataDir, SMTP_URL: smtp.url, LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.test', NEWSLETTER_BATCH_SIZE: '100', ...(pgDb && { DATABASE_URL: pgDb.url }) };
  const store = await openStore(loadConfig(env));
  const list = (await store.newsletters.createList(
    { slug: 'morning-tide', name: 'Morning Tide', description: '', fromName: 'Desk', fromAddress: 'desk@example.test', replyTo: null, kind: 'digest', sendAt: null },
    new Date(),
  ))!;
  const rows = Array.from({ length: subscribers }, (_, i) => ({ email: `reader${i}@example.test`, consentedAt: new Date('2026-01-01T00:00:00Z') }));
  await store.newsletters.importConfirmed(list.id, rows, new Date());
  return {
    env,
    store,
    smtp,
    async close() {
      await store.db.close();
      await smtp.close();
      await pgDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const children = new Set<ChildProcess>();

function startNode(env: Record<string, string>, nodeId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], { cwd: ROOT, env: { ...process.env, ...env, NODE_ID: nodeId }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`node ${nodeId} exited (${code}): ${stderr}`)));
  });
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function recipients(smtp: SmtpSink): string[] {
  return smtp.received.flatMap((m) => m.to);
}

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

for (const dialect of DIALECTS) {
  describe(`sending an edition on ${dialect}`, () => {
    let s: Setup | undefined;
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await s?.close();
    });

    it('finishes a 5,000-recipient send after kill -9 mid-send, and no one gets it twice', { timeout: 180_000 }, async () => {
      s = await setup(dialect, 5000);
      const { store, smtp } = s;
      const desk = new NewsletterDesk({ store, site: { siteUrl: 'https://news.example.test', settings: store.siteSettings.reader({ ...loadConfig(s.env), siteName: 'Test', timeZone: 'UTC' }) }, mailer: { send: async () => {}, close() {} }, clock: () => new Date() });
      const list = (await store.newsletters.listBySlug('morning-tide'))!;
      const edition = (await store.newsletters.createEdition({ listId: list.id, kind: 'digest', subject: 'Morning Tide' }, new Date()))!;
      await desk.send(edition.id);

      const doomed = await startNode(s.env, 'doomed');
      await waitUntil(() => smtp.received.length >= 1500, 60_000, '1,500 messages from the first node');
      doomed.kill('SIGKILL');
      await new Promise((r) => doomed.once('exit', r));
      const beforeCrash = smtp.received.length;
      const midway = await store.newsletters.deliveryCounts(edition.id);
      expect(midway.sent).toBeGreaterThan(0);
      expect(midway.queued).toBeGreaterThan(0);

      // The second node takes the batches over once their lease (60 s) runs out; make that now.
      await store.db.kysely.updateTable('jobs').set({ locked_until: 0 }).where('state', '=', 'running').execute();
      const survivor = await startNode(s.env, 'survivor');
      await waitUntil(async () => (await store.newsletters.edition(edition.id))?.status === 'sent', 120_000, 'the edition to be sent');
      survivor.kill('SIGTERM');

      const got = recipients(smtp);
      const unique = new Set(got);
      expect(got.length - unique.size, 'messages sent twice to one address').toBe(0);
      const counts = await store.newsletters.deliveryCounts(edition.id);
      expect(counts.queued + counts.sending).toBe(0);
      expect(counts.sent + counts.uncertain + counts.failed).toBe(5000);
      expect(counts.failed).toBe(0);
      // Only messages in flight at the kill can be uncertain: two batches' groups of 10 at most.
      expect(counts.uncertain).toBeLessThanOrEqual(20);
      const sent = await store.db.kysely.selectFrom('newsletter_deliveries').select('email').where('edition_id', '=', edition.id).where('status', '=', 'sent').execute();
      for (const row of sent) expect(unique.has(row.email)).toBe(true);
      expect(unique.size).toBeGreaterThanOrEqual(counts.sent);
      console.log(`${dialect}: killed the sender after ${beforeCrash} messages; the survivor finished: ${counts.sent} sent, ${counts.uncertain} uncertain (not resent), ${got.length} received, 0 twice`);
    });
  });
}

if (DIALECTS.includes('postgres')) {
  describe('two nodes on PostgreSQL', () => {
    let s: Setup | undefined;
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await s?.close();
    });

    it('send an edition once: every subscriber gets exactly one message', { timeout: 120_000 }, async () => {
      s = await setup('postgres', 2000);
      const { store, smtp } = s;
      await Promise.all([startNode(s.env, 'node-a'), startNode(s.env, 'node-b')]);
      const list = (await store.newsletters.listBySlug('morning-tide'))!;
      const edition = (await store.newsletters.createEdition({ listId: list.id, kind: 'digest', subject: 'Morning Tide' }, new Date()))!;
      const desk = new NewsletterDesk({ store, site: { siteUrl: 'https://news.example.test', settings: store.siteSettings.reader({ ...loadConfig(s.env), siteName: 'Test', timeZone: 'UTC' }) }, mailer: { send: async () => {}, close() {} }, clock: () => new Date() });
      // Both nodes are told (a double click, two editors): still one send.
      await Promise.all([desk.send(edition.id), desk.send(edition.id)]);
      await waitUntil(async () => (await store.newsletters.edition(edition.id))?.status === 'sent', 90_000, 'the edition to be sent');
      await new Promise((r) => setTimeout(r, 500));
      const got = recipients(smtp);
      expect(got.length).toBe(2000);
      expect(new Set(got).size).toBe(2000);
      expect(await store.newsletters.deliveryCounts(edition.id)).toMatchObject({ sent: 2000, uncertain: 0, failed: 0 });
      const batches = await store.db.kysely.selectFrom('jobs').select(['state']).where('kind', '=', 'newsletter.batch').execute();
      expect(batches.length).toBe(20);
      expect(batches.every((b) => b.state === 'done')).toBe(true);
      // A send that read the edition before it started (the second click's race) cannot put it back to scheduled.
      expect(await store.transaction((trx) => store.newsletters.schedule(trx, edition.id, new Date()))).toBe(false);
      expect((await store.newsletters.edition(edition.id))?.status).toBe('sent');
    });
  });
}
