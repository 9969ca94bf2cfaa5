// Issue 10 item 4: the quarantine keeps what failed (each item's own bytes, a shared file once, each reason),
// finds duplicates by hash, and a transient database error during ingest is retried, never quarantined.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, pwsStory } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');
const encoder = new TextEncoder();

for (const dialect of DIALECTS) {
  describe(`the quarantine keeps what failed (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    const entries = (file: string) => site.store.db.kysely.selectFrom('wire_quarantine').selectAll().where('file_name', '=', file).orderBy('id').execute();

    it('keeps each bad item of a JSON array with its own bytes and its own reason, even without a URI', async () => {
      const good = JSON.parse(new TextDecoder().decode(pwsStory({ uri: 'urn:pws:q:good', headline: 'Night market returns to the square' })));
      const noUri = { type: 'text', headlines: [{ role: 'main', value: 'No id here' }] };
      const notObject = 'just a string';
      const array = [good, noUri, notObject];
      const report = await ingest(site, encoder.encode(JSON.stringify(array)), NOW, {}, 'mixed-array.json');
      expect(report.counts).toMatchObject({ new: 1, quarantined: 2 });
      const stored = await entries('mixed-array.json');
      expect(stored).toHaveLength(2);
      expect(stored.map((e) => new TextDecoder().decode(e.raw))).toEqual([JSON.stringify(noUri), JSON.stringify(notObject)]);
      expect(stored[0]!.reason).not.toBe(stored[1]!.reason);
      expect(stored.every((e) => e.uri === null)).toBe(true);
      // The good item's bytes are not in the quarantine at all.
      expect(stored.some((e) => new TextDecoder().decode(e.raw).includes('Night market'))).toBe(false);
    });

    it('keeps a NewsML-G2 message whose items fail once, with every item’s reason', async () => {
      const bytes = await readFile(new URL('../fixtures/wire/pws-g2-message.xml', import.meta.url));
      const report = await ingest(site, bytes, NOW, {}, 'pws-g2-message.xml');
      const failed = report.items.filter((i) => i.outcome === 'quarantined');
      const stored = await entries('pws-g2-message.xml');
      expect(stored).toHaveLength(failed.length > 0 ? 1 : 0);
      if (failed.length > 1) {
        for (const item of failed) expect(stored[0]!.reason).toContain(item.reason);
      }
      expect(new Set(failed.map((f) => f.quarantineId)).size).toBeLessThanOrEqual(1);
    });

    it('stores the bytes’ hash so the same bad file from the same place is one entry', async () => {
      const broken = encoder.encode('{"uri": "urn:pws:q:broken", "type": "text", ');
      const first = await ingest(site, broken, NOW, {}, 'broken-twice.json');
      const again = await ingest(site, broken, NOW, {}, 'broken-twice.json');
      expect(again.items[0]!.quarantineId).toBe(first.items[0]!.quarantineId);
      const [entry] = await entries('broken-twice.json');
      expect(entry!.raw_sha256).toBe(createHash('sha256').update(broken).digest('hex'));
    });

    it('retries a transient database error and stores the item, quarantining nothing', async () => {
      const kysely = site.store.db.kysely;
      const original = kysely.transaction.bind(kysely);
      let failures = 2;
      (kysely as { transaction: typeof kysely.transaction }).transaction = () => {
        if (failures-- > 0) throw Object.assign(new Error(dialect === 'sqlite' ? 'database is locked' : 'Connection terminated unexpectedly'), { code: dialect === 'sqlite' ? 'SQLITE_BUSY' : 'ECONNRESET' });
        return original();
      };
      const lines: string[] = [];
      try {
        const report = await ingest(site, pwsStory({ uri: 'urn:pws:q:busy', headline: 'Busy database, story still lands' }), NOW, { log: (l) => lines.push(l) }, 'busy.json');
        expect(report.counts).toMatchObject({ new: 1, quarantined: 0 });
      } finally {
        (kysely as { transaction: typeof kysely.transaction }).transaction = original;
      }
      expect(await entries('busy.json')).toHaveLength(0);
      expect(lines.some((l) => /trying again/.test(l))).toBe(true);
    });

    it('fails the arrival (for its source to try again) when the database stays away, and quarantines nothing', async () => {
      const kysely = site.store.db.kysely;
      const original = kysely.transaction.bind(kysely);
      (kysely as { transaction: typeof kysely.transaction }).transaction = () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      };
      try {
        await expect(ingest(site, pwsStory({ uri: 'urn:pws:q:down', headline: 'Database down for a while' }), NOW, {}, 'down.json')).rejects.toThrow(/Connection terminated/);
      } finally {
        (kysely as { transaction: typeof kysely.transaction }).transaction = original;
      }
      expect(await entries('down.json')).toHaveLength(0);
      expect(await site.store.wire.history('urn:pws:q:down')).toBeUndefined();
    }, 30_000);
  });
}
