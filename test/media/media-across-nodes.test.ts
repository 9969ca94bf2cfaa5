import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { signedInAs } from '../support/admin-session.js';
import { dateline, expectServedPicture, type Node, photo, pictureUrls, startNode, uploadPicture } from '../support/media-helpers.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!DIALECTS.includes('postgres'))('two nodes on one PostgreSQL database, MEDIA_STORE=database, each with its own DATA_DIR', () => {
  let one: TestSite;
  let two: Node;

  beforeAll(async () => {
    // Node one runs no jobs: the AVIF job it queues with the upload must be run by node two.
    one = await startTestSite('postgres', { env: { JOBS: 'false' } });
    two = await startNode({ DATABASE_URL: one.config.databaseUrl as string });
  });

  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('serves on node two a picture uploaded on node one, and node two makes its AVIF', { timeout: 120_000 }, async () => {
    expect(one.store.mediaStore.kind).toBe('database');
    expect(two.store.mediaStore.kind).toBe('database');
    expect(two.app.fastify.server.address()).not.toEqual(one.app.fastify.server.address());
    const editor = await signedInAs(one.store, one.url, 'editor');
    const data = await photo(1300, 800);
    const response = await uploadPicture(one.url, editor, data, 'Storm surf at Cedar Point.');
    expect(response.status).toBe(201);
    const media = (await response.json()) as AdminMedia;
    // Pictures follow their stories (issue 9): as an author's picture, readers may fetch it.
    await makePublic(one, media.id);
    for (const rendition of media.renditions) {
      const fromTwo = await expectServedPicture(two.url, rendition.url);
      const fromOne = await expectServedPicture(one.url, rendition.url);
      expect(fromTwo.equals(fromOne)).toBe(true);
    }
    // The durable media.avif job was queued on node one (JOBS=false) and run by node two.
    const avif = await waitFor('AVIF renditions', async () => {
      const row = await one.store.media.get(media.id);
      const found = row?.renditions.filter((r) => r.format === 'avif') ?? [];
      return found.length > 0 ? found : undefined;
    });
    expect(avif.map((r) => r.width).sort((a, b) => a - b)).toEqual([320, 640, 960, 1280]);
    for (const rendition of avif) {
      await expectServedPicture(one.url, rendition.url);
      await expectServedPicture(two.url, rendition.url);
    }
  });
});

describe('moving a library from files to the database while the site serves (SQLite)', () => {
  let site: TestSite;
  const nodes: Node[] = [];

  beforeAll(async () => {
    site = await startTestSite('sqlite');
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await site?.close();
  });

  it('copies every picture, keeps serving throughout, falls back while switching, then serves from the database alone', { timeout: 180_000 }, async () => {
    expect(site.store.mediaStore.kind).toBe('files');
    const env = { DATA_DIR: site.config.dataDir };
    const home = await (await fetch(`${site.url}/`)).text();
    const urls = pictureUrls(home);
    expect(urls.length).toBeGreaterThan(10);
    const before = new Map<string, Buffer>();
    for (const url of urls) before.set(url, await expectServedPicture(site.url, url));

    // Readers keep loading pictures while the copy runs.
    let reading = true;
    let reads = 0;
    const failures: string[] = [];
    const readers = (async () => {
      while (reading) {
        const url = urls[reads % urls.length] as string;
        const status = (await fetch(`${site.url}${url}`)).status;
        if (status !== 200) failures.push(`${url}: ${status}`);
        reads++;
      }
    })();
    const first = await dateline(['media', 'migrate', '--to', 'database'], env);
    reading = false;
    await readers;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Copied \d+ object\(s\) .* from files to database; 0 were already there; every copy was read back and its hash checked\./m);
    expect(first.stdout).toContain('Every picture in the library is in database.');
    expect(reads).toBeGreaterThan(0);
    expect(failures).toEqual([]);

    // A second run copies nothing: it is idempotent, and resumes a run that stopped.
    const again = await dateline(['media', 'migrate', '--to', 'database'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Copied 0 object\(s\) .* \d+ were already there\./m);

    // A picture uploaded on the old store after the copy …
    const editor = await signedInAs(site.store, site.url, 'editor');
    const late = (await (await uploadPicture(site.url, editor, await photo(700, 500), 'Uploaded during the switch.')).json()) as AdminMedia;
    await makePublic(site, late.id);
    // … is served by a node already switched to the database, through its fallback to files.
    const switching = await startNode({ ...env, MEDIA_STORE: 'database', MEDIA_STORE_FALLBACK: 'files' });
    nodes.push(switching);
    expect(switching.store.mediaStore.kind).toBe('database');
    for (const rendition of late.renditions) await expectServedPicture(switching.url, rendition.url);

    // The second pass copies what was uploaded meanwhile.
    const catchUp = await dateline(['media', 'migrate', '--from', 'files', '--to', 'database'], { ...env, MEDIA_STORE: 'database', MEDIA_STORE_FALLBACK: 'files' });
    expect(catchUp.code, catchUp.stderr).toBe(0);
    expect(catchUp.stdout).toMatch(/^Copied [1-9]\d* object\(s\)/m);

    // With the files gone, a node on MEDIA_STORE=database alone serves the same pictures, byte for byte.
    await rm(path.join(site.config.dataDir, 'media', 'objects'), { recursive: true, force: true });
    const database = await startNode({ ...env, MEDIA_STORE: 'database' });
    nodes.push(database);
    expect(pictureUrls(await (await fetch(`${database.url}/`)).text()).sort()).toEqual([...urls].sort());
    for (const [url, bytes] of before) expect((await expectServedPicture(database.url, url)).equals(bytes)).toBe(true);
    for (const rendition of late.renditions) await expectServedPicture(database.url, rendition.url);
  });

  it('says what is wrong with a bad migrate command', { timeout: 120_000 }, async () => {
    const env = { DATA_DIR: site.config.dataDir };
    const same = await dateline(['media', 'migrate', '--to', 'files'], env);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('both "files"');
    const noTarget = await dateline(['media', 'migrate'], env);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('--to files, --to database or --to s3');
    const badKind = await dateline(['media', 'migrate', '--to', 'ftp'], env);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--to is "ftp"; give files, database or s3');
    const noS3 = await dateline(['media', 'migrate', '--to', 's3'], env);
    expect(noS3.code).toBe(1);
    expect(noS3.stderr).toContain('--to s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY');
    const help = await dateline(['media', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dateline media migrate --to files|database|s3');
  });
});

/** Makes a library upload one readers may fetch: an author's picture is public (pictures follow what shows them). */
async function makePublic(site: { store: { db: { kysely: import('kysely').Kysely<import('../../src/store/schema.js').Database> } } }, mediaId: number): Promise<void> {
  await site.store.db.kysely.insertInto('authors').values({ slug: `picture-${mediaId}`, name: `Picture ${mediaId}`, kind: 'person', bio: '', picture_id: mediaId }).execute();
}
