import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, readZip, ZipError } from '../../src/wire/read-zip.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory } from '../wire/wire-helpers.js';
import { buildZip, deflatedZeros, gigabyteBomb } from './zip-bombs.js';

async function limitOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZipError) return `${error.limit}: ${error.message}`;
    throw error;
  }
  throw new Error('the archive was read');
}

describe('zip archives from outside', () => {
  const block = deflatedZeros(50 * 1024 * 1024);

  it('refuses an entry that claims to unpack a thousand times its size, before inflating it', async () => {
    const zip = buildZip([{ name: 'a.json', packed: block, declared: 50 * 1024 * 1024 }]);
    expect(await limitOf(readZip(zip))).toMatch(/^ratio: a\.json claims to unpack \d+ times .*WIRE_ZIP_MAX_RATIO/);
  });

  it('refuses archives whose wire files unpack to more than the total, by their headers and by what they inflate to', async () => {
    const loose = { ...DEFAULT_ZIP_LIMITS, maxRatio: 10_000, maxUnpackedBytes: 8 * 1024 * 1024 };
    const honest = buildZip([{ name: 'a.json', packed: block, declared: 50 * 1024 * 1024 }]);
    expect(await limitOf(readZip(honest, () => true, loose))).toMatch(/^unpacked: .*more than 8 MB.*WIRE_ZIP_MAX_UNPACKED_MB/);
    // A liar declares 1 KB: yauzl stops the stream at the declared size.
    const liar = buildZip([{ name: 'a.json', packed: block, declared: 1024 }]);
    expect(await limitOf(readZip(liar, () => true, loose))).toMatch(/^null: a\.json cannot be unpacked/);
  });

  it('refuses too many entries and entries that share their bytes', async () => {
    const tiny = deflatedZeros(10);
    const many = buildZip(Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `${i}.txt`, packed: tiny, declared: 10 })));
    expect(await limitOf(readZip(many))).toMatch(/^entries: the archive holds 10001 entries, more than the 10000 allowed/);
    const overlapping = buildZip([
      { name: 'a.json', packed: tiny, declared: 10 },
      { name: 'b.json', packed: tiny, declared: 10, sameAs: 0 },
    ]);
    expect(await limitOf(readZip(overlapping))).toMatch(/^overlap: the entries a\.json and a\.json share bytes/);
  });

  it('inflates only the entries asked for: a picture bomb beside a good item is never unpacked', async () => {
    const good = Buffer.from('{"ok":true}');
    const zip = buildZip([
      { name: 'photo.jpg', packed: block, declared: 50 * 1024 * 1024 },
      { name: 'item.json', packed: good, declared: good.length, method: 0 },
    ]);
    const entries = await readZip(zip, (name) => name.endsWith('.json'));
    expect(entries.map((e) => [e.name, Buffer.from(e.bytes).toString()])).toEqual([['item.json', '{"ok":true}']]);
  });
});

for (const dialect of DIALECTS) {
  describe(`a pushed zip bomb (${dialect})`, () => {
    let site: TestSite;
    let token: string;
    let bomb: Buffer;

    beforeAll(async () => {
      bomb = gigabyteBomb(10);
      // No job runner: the memory measured is the push's, not a background job's (the related jobs would start
      // the entity-extraction thread in this process, tens of MB, at any moment after the demo is seeded).
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_POLLING: 'false', JOBS: 'false' } });
      token = (await site.store.wirePush.create('pws', JSON.stringify(PWS_RULES))).token;
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('answers 413 naming the limit, raises memory by less than 50 MB, and the site keeps serving', async () => {
      expect(bomb.length).toBeGreaterThan(9 * 1024 * 1024);
      const body = new Uint8Array(bomb);
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      try {
        const response = await fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/zip', authorization: `Bearer ${token}` }, body });
        expect(response.status).toBe(413);
        const answer = (await response.json()) as { error: { code: string; message: string } };
        expect(answer.error.code).toBe('TOO_LARGE');
        expect(answer.error.message).toMatch(/WIRE_ZIP_MAX_RATIO/);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(peak - before).toBeLessThan(50 * 1024 * 1024);
      expect((await fetch(`${site.url}/`)).status).toBe(200);
      // An ordinary archive still goes in.
      const good = Buffer.from(pwsStory({ uri: 'urn:pws:zip:after-bomb', headline: 'Harbor reopens after the storm' }));
      const fine = buildZip([{ name: 'item.json', packed: good, declared: good.length, method: 0 }]);
      const ok = await fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/zip', authorization: `Bearer ${token}` }, body: new Uint8Array(fine) });
      expect(ok.status).toBe(200);
    });
  });
}
