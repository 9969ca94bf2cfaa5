import { mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '../../src/wire/sources/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory } from './wire-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a file to appear, up to `ms`; returns how long it took. */
async function waitFor(file: string, ms = 3000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    try {
      await readFile(file);
      return Date.now() - start;
    } catch {
      await sleep(25);
    }
  }
  throw new Error(`${file} did not appear within ${ms} ms`);
}

interface Report {
  result: string;
  items: Array<{ uri: string | null; outcome: string; reason?: string; url?: string; quarantineId?: number }>;
}

for (const dialect of DIALECTS) {
  describe(`wire inbox folder (${dialect})`, () => {
    let site: TestSite;
    let inbox: string;

    beforeAll(async () => {
      inbox = await mkdtemp(path.join(os.tmpdir(), 'dateline-inbox-'));
      // Wire rules hold copy for the desk unless a source is set to publish; this newsroom chose auto for its inbox.
      const rulesFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'dateline-inbox-rules-')), 'rules.json');
      await writeFile(rulesFile, JSON.stringify({ name: 'inbox', agency: 'Pacific Wire Service', publish: 'auto' }));
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_INBOX: inbox, WIRE_POLLING: 'false', WIRE_RULES: rulesFile } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
      await rm(inbox, { recursive: true, force: true });
    });

    it('ingests a file renamed into place within a second or two, moves it to done/ with a report, and the story answers', async () => {
      await writeFile(path.join(inbox, '.incoming.json'), pwsStory({ uri: 'urn:pws:inbox:drop', headline: 'Quarry road reopens after the slide' }));
      await rename(path.join(inbox, '.incoming.json'), path.join(inbox, 'drop.json'));
      const took = await waitFor(path.join(inbox, 'done', 'drop.json'));
      expect(took).toBeLessThan(2000);
      const report = JSON.parse(await readFile(path.join(inbox, 'done', 'drop.json.report.json'), 'utf8')) as Report;
      expect(report.result).toBe('done');
      expect(report.items[0]).toMatchObject({ uri: 'urn:pws:inbox:drop', outcome: 'new' });
      const page = await fetch(report.items[0]!.url!.replace(TEST_SITE_URL, site.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Quarry road reopens after the slide');
      expect(await readdir(inbox)).not.toContain('drop.json');
    });

    it('does not read a file that is still being written', async () => {
      const bytes = pwsStory({ uri: 'urn:pws:inbox:slow', headline: 'Slow writer files a long story', body: `<p>${'Tide tables. '.repeat(4000)}</p>` });
      const handle = await open(path.join(inbox, 'slow.json'), 'w');
      const chunk = Math.ceil(bytes.length / 10);
      // Ten writes 100 ms apart: a full second in which the file is incomplete JSON.
      for (let i = 0; i < 10; i++) {
        await handle.write(bytes.subarray(i * chunk, (i + 1) * chunk));
        await sleep(100);
        expect(await readdir(path.join(inbox, 'failed'))).not.toContain('slow.json');
      }
      await handle.close();
      await waitFor(path.join(inbox, 'done', 'slow.json'));
      const report = JSON.parse(await readFile(path.join(inbox, 'done', 'slow.json.report.json'), 'utf8')) as Report;
      expect(report.items[0]?.outcome).toBe('new');
    });

    it('moves a bad file to failed/ with a report, and the quarantine keeps the reason', async () => {
      await writeFile(path.join(inbox, 'broken.json'), '{"uri": "urn:pws:inbox:broken", "type": "text", "headlines": [');
      await waitFor(path.join(inbox, 'failed', 'broken.json'));
      const report = JSON.parse(await readFile(path.join(inbox, 'failed', 'broken.json.report.json'), 'utf8')) as Report;
      expect(report.result).toBe('failed');
      const [item] = report.items;
      expect(item?.outcome).toBe('quarantined');
      expect(item?.reason).toMatch(/JSON/);
      const row = await site.store.wire.quarantined(item!.quarantineId!);
      expect(row?.reason).toBe(item?.reason);
      expect(row?.source).toBe('inbox');
    });

    it('takes the files already there at start, and a burst of hundreds, each once', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-inbox-burst-'));
      try {
        for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `early-${i}.json`), pwsStory({ uri: `urn:pws:inbox:early-${i}`, headline: `Early story number ${i}` }));
        const watcher = await startInbox(site.store, { dir, rules: PWS_RULES, siteUrl: TEST_SITE_URL });
        try {
          const started = Date.now();
          await Promise.all(
            Array.from({ length: 200 }, (_, i) =>
              writeFile(path.join(dir, `burst-${String(i).padStart(3, '0')}.json`), pwsStory({ uri: `urn:pws:inbox:burst-${i}`, headline: `Burst story number ${i}` })),
            ),
          );
          while ((await readdir(path.join(dir, 'done'))).filter((f) => f.endsWith('.json') && !f.endsWith('.report.json')).length < 205) {
            if (Date.now() - started > 30_000) throw new Error('the burst was not ingested within 30 s');
            await sleep(100);
          }
          const done = (await readdir(path.join(dir, 'done'))).filter((f) => !f.endsWith('.report.json'));
          expect(done).toHaveLength(205);
          expect(await readdir(path.join(dir, 'failed'))).toHaveLength(0);
          expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toHaveLength(0);
          const stored = await site.store.db.kysely
            .selectFrom('wire_items')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where((eb) => eb.or([eb('uri', 'like', 'urn:pws:inbox:burst-%'), eb('uri', 'like', 'urn:pws:inbox:early-%')]))
            .executeTakeFirstOrThrow();
          expect(Number(stored.n)).toBe(205);
        } finally {
          await watcher.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 40_000);
  });
}
