import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatelineError } from '../../src/domain/errors.js';
import { DeskRepo } from '../../src/newsroom/articles/desk-repo.js';
import { createStore, type Db, type Dialect, migrate, openDatabase, type Store } from '../../src/store/index.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

// Both databases answer the same: the same stories, in any order, for the
// same search, accents folded and common words left out on both; and the
// newsroom's headline filter ignores case in every script on both.

const STORIES: Array<[string, string]> = [
  ['Café on Harbor Street closes after forty years', 'The owners of the café thanked their regulars.'],
  ['Cafe owners on the bay weigh a winter menu', 'Soup and bread, the owners said.'],
  ['Élection municipale: le conseil se réunit', 'Le conseil municipal vote le budget.'],
  ['The council of the county meets on Tuesday', 'The agenda has one item: the ferry.'],
  ['ÖRTLICHE Fähre fährt wieder', 'Die Fähre fährt ab Montag wieder nach Plan.'],
  ['Ferry schedule returns to normal', 'Sailings resume on Monday.'],
];

const QUERIES = ['cafe', 'café', 'CAFÉ owners', 'the council', 'council of the county', 'élection', 'election', 'fähre', 'fahre', 'ferry'];
const FILTERS = ['élection', 'ÉLECTION', 'örtliche', 'ÖRTLICHE fähre', 'café', 'CAFÉ'];

interface Side {
  store: Store;
  desk: DeskRepo;
  close(): Promise<void>;
}

async function open(dialect: Dialect): Promise<Side> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-parity-'));
  const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const db: Db = await openDatabase({ databaseUrl: pgDb?.url, dataDir });
  await migrate(db);
  const store = createStore(db);
  const news = await store.sections.create({ slug: 'news', name: 'News' });
  const author = await store.authors.create({ slug: 'reporter', name: 'A Reporter', kind: 'person' });
  for (const [i, [headline, body]] of STORIES.entries()) {
    await store.articleWriter.create({
      headline,
      bodyHtml: `<p>${body}</p>`,
      label: 'news',
      status: 'published',
      sectionId: news.id,
      authorIds: [author],
      publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    });
  }
  return {
    store,
    desk: new DeskRepo(db),
    async close() {
      await db.close();
      await pgDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function answers(side: Side, now: Date) {
  const search: Record<string, string[]> = {};
  for (const text of QUERIES) {
    const result = await side.store.search.query({ text, limit: 20, now });
    search[text] = result.hits.map((h) => h.teaser.headline).sort();
  }
  const filter: Record<string, string[]> = {};
  for (const q of FILTERS) filter[q] = (await side.desk.list({ q, limit: 50 })).items.map((i) => i.headline).sort();
  return { search, filter };
}

describe('search and the headline filter answer the same on every database', () => {
  const sides = new Map<Dialect, Side>();
  const now = new Date(Date.UTC(2026, 1, 1));

  beforeAll(async () => {
    for (const dialect of DIALECTS) sides.set(dialect, await open(dialect));
  }, 120_000);
  afterAll(async () => {
    for (const side of sides.values()) await side.close();
  });

  it.each(DIALECTS)('folds accents and leaves out common words on %s', async (dialect) => {
    const { search } = await answers(sides.get(dialect) as Side, now);
    expect(search.cafe).toEqual(['Cafe owners on the bay weigh a winter menu', 'Café on Harbor Street closes after forty years']);
    expect(search['café']).toEqual(search.cafe);
    expect(search.election).toEqual(['Élection municipale: le conseil se réunit']);
    expect(search.fahre).toEqual(search['fähre']);
    expect(search['the council']).toEqual(['The council of the county meets on Tuesday']);
  });

  it.each(DIALECTS)('filters newsroom headlines without regard to case in any script on %s', async (dialect) => {
    const { filter } = await answers(sides.get(dialect) as Side, now);
    expect(filter['élection']).toEqual(['Élection municipale: le conseil se réunit']);
    expect(filter['ÉLECTION']).toEqual(filter['élection']);
    expect(filter['örtliche']).toEqual(['ÖRTLICHE Fähre fährt wieder']);
    expect(filter['CAFÉ']).toEqual(['Café on Harbor Street closes after forty years']);
  });

  it.each(DIALECTS)('refuses a search of only common words with a clear error on %s', async (dialect) => {
    const side = sides.get(dialect) as Side;
    const error = await side.store.search.query({ text: 'the of and', limit: 20, now }).catch((e) => e);
    expect(isDatelineError(error) && error.code).toBe('BAD_INPUT');
    expect((error as Error).message).toMatch(/too common/);
  });

  it.runIf(DIALECTS.length > 1)('gives the same answers on SQLite and PostgreSQL', async () => {
    const sqlite = await answers(sides.get('sqlite') as Side, now);
    const postgres = await answers(sides.get('postgres') as Side, now);
    expect(postgres).toEqual(sqlite);
  });
});
