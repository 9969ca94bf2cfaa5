// Issue 10 / 12: `dateline ingest` and `dateline wire retry` ingest with the rules the newsroom set on the Wire
// sources screen (stored in the database), combined with --rules / WIRE_RULES the way the server combines them.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { pwsStory, text } from './wire-helpers.js';

const CLI = path.resolve('bin/dateline.js');

for (const dialect of DIALECTS) {
  describe(`the CLI ingests with the newsroom's wire rules (${dialect})`, () => {
    let site: TestSite;
    let admin: AdminSession;
    let work: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_POLLING: 'false' } });
      admin = await signedInAs(site.store, site.url, 'admin', { name: 'Rui Admin' });
      work = await mkdtemp(path.join(os.tmpdir(), 'dateline-cli-rules-'));
    }, 60_000);
    afterAll(async () => {
      await site?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    /** Runs `dateline` on the site's own database, without a WIRE_RULES file. */
    function dateline(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const env = { ...process.env, DATA_DIR: site.config.dataDir, DATABASE_URL: site.config.databaseUrl ?? '', WIRE_RULES: '', LOG_LEVEL: 'silent' };
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env, cwd: work });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }

    async function setDefault(publish: 'auto' | 'hold'): Promise<void> {
      const rules = { agency: 'Pacific Wire Service', publish, defaultSection: 'news', urgencyHoldAbove: null, tagsFromSubjects: true };
      const response = await admin.call('PUT', '/wire-sources/default/rules', rules);
      expect(response.ok, await response.clone().text()).toBe(true);
    }

    async function story(file: string, uri: string, headline: string): Promise<void> {
      await writeFile(path.join(work, file), pwsStory({ uri, headline }));
    }

    async function pageOf(uri: string): Promise<number> {
      const row = await site.store.db.kysely
        .selectFrom('wire_items')
        .innerJoin('articles', 'articles.id', 'wire_items.article_id')
        .select('articles.path')
        .where('wire_items.uri', '=', uri)
        .executeTakeFirstOrThrow();
      return (await text(site, row.path)).status;
    }

    it('publishes at once when the newsroom set its default to publish (the built-in default holds)', async () => {
      await setDefault('auto');
      await story('auto.json', 'urn:pws:cli-rules:auto', 'Ferry timetable changes for spring');
      const result = await dateline('ingest', 'auto.json');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/1 new, .* 0 held/);
      expect(await pageOf('urn:pws:cli-rules:auto')).toBe(200);
    }, 120_000);

    it('retries a quarantined item with the newsroom’s rules', async () => {
      // A rules file whose entry for "pws" sends stories to a section the site does not have: the item waits
      // in the quarantine. (The file's entry for the source's name beats the newsroom's default, as on the server.)
      await writeFile(path.join(work, 'weather.json'), JSON.stringify({ sources: [{ name: 'pws', agency: 'Pacific Wire Service', publish: 'auto', defaultSection: 'weather' }] }));
      await story('retry.json', 'urn:pws:cli-rules:retry', 'Harbor crane inspection passes');
      const first = await dateline('ingest', 'retry.json', '--rules', 'weather.json', '--source', 'pws');
      expect(first.stdout, first.stderr).toMatch(/1 quarantined[\s\S]*names section "weather"/);
      const id = /#(\d+)/.exec(first.stdout)?.[1] as string;
      const retried = await dateline('wire', 'retry', id);
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stdout).toMatch(/1 new/);
      expect(retried.stdout).toMatch(/Resolved/);
      expect(await pageOf('urn:pws:cli-rules:retry')).toBe(200);
    }, 120_000);

    it('holds for the desk once the newsroom says hold; a rules file’s entry for the source still governs it, as on the server', async () => {
      await setDefault('hold');
      await story('held.json', 'urn:pws:cli-rules:held', 'Council delays vote on pier repairs');
      const held = await dateline('ingest', 'held.json');
      expect(held.code, held.stderr).toBe(0);
      expect(held.stdout).toMatch(/0 new, .* 1 held/);
      expect(await pageOf('urn:pws:cli-rules:held')).toBe(404);
      expect((await dateline('wire', 'queue')).stdout).toMatch(/Council delays vote on pier repairs/);

      await writeFile(path.join(work, 'sources.json'), JSON.stringify({ sources: [{ name: 'pws', agency: 'Pacific Wire Service', publish: 'auto' }] }));
      await story('named.json', 'urn:pws:cli-rules:named', 'Pier repairs start in May');
      const named = await dateline('ingest', 'named.json', '--rules', 'sources.json', '--source', 'pws');
      expect(named.stdout, named.stderr).toMatch(/1 new/);
      expect(await pageOf('urn:pws:cli-rules:named')).toBe(200);
    }, 180_000);
  });
}
