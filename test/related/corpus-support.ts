import { RELATED_CURSOR_META } from '../../src/related/index.js';
import type { Store } from '../../src/store/index.js';
import { STORIES } from '../fixtures/related/corpus.js';

export interface LoadedStory {
  id: number;
  path: string;
  cluster: string;
  headline: string;
}

/**
 * Sections (News with Politics and Local, Sports), one author, and the
 * corpus published a day apart, oldest first, ending an hour before `now`.
 */
export async function loadCorpus(store: Store, now: Date): Promise<LoadedStory[]> {
  const news = await store.sections.create({ slug: 'news', name: 'News', position: 0 });
  const local = await store.sections.create({ slug: 'local', name: 'Local', parentId: news.id, position: 1 });
  const politics = await store.sections.create({ slug: 'politics', name: 'Politics', parentId: news.id, position: 2 });
  const sports = await store.sections.create({ slug: 'sports', name: 'Sports', position: 3 });
  const sectionIds = { news: news.id, local: local.id, politics: politics.id, sports: sports.id };
  const author = await store.authors.create({ slug: 'desk', name: 'The Desk', kind: 'organization', bio: '' });
  const loaded: LoadedStory[] = [];
  // Interleaved, as a newsroom publishes them: cluster members are not neighbours by id.
  const order = STORIES.map((story, i) => ({ story, i })).sort((a, b) => (a.i % 5) - (b.i % 5) || a.i - b.i);
  for (const [n, { story }] of order.entries()) {
    const publishedAt = new Date(now.getTime() - (order.length - n) * 86_400_000 / 4 - 3_600_000);
    const created = await store.articleWriter.create(
      {
        headline: story.headline,
        bodyHtml: `<p>${story.body}</p>`,
        label: 'news',
        status: 'published',
        sectionId: sectionIds[story.section],
        authorIds: [author],
        publishedAt,
        tagNames: story.tags ?? [],
      },
      publishedAt,
    );
    loaded.push({ id: created.id, path: created.path, cluster: story.cluster, headline: story.headline });
  }
  return loaded;
}

/** Waits until the related jobs have read every story event and none is waiting or running. */
export async function relatedSettled(store: Store, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = store.db.kysely;
    const [cursor, latest, busy] = await Promise.all([
      db.selectFrom('meta').select('value').where('key', '=', RELATED_CURSOR_META).executeTakeFirst(),
      db.selectFrom('article_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst(),
      db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', ['related.story', 'related.refresh'])
        .where('state', 'in', ['waiting', 'running'])
        .limit(1)
        .executeTakeFirst(),
    ]);
    if (Number(cursor?.value ?? 0) >= Number(latest?.id ?? 0) && !busy) return;
    if (Date.now() > deadline) throw new Error('the related jobs did not finish in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
