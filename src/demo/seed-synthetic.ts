import { textOfHtml } from '../domain/excerpt.js';
import { rootSection, sectionPath } from '../domain/section.js';
import { tagSlug } from '../domain/tag.js';
import { type Store, SyntheticStoryRepo } from '../store/index.js';
import { syntheticStory } from './synthetic-story.js';

const BATCH = 500;

export interface SyntheticOutcome {
  added: number;
  seconds: number;
}

/**
 * Adds `count` published stories spread over editorial sections and the
 * past years, in batches of multi-row inserts, for benchmarks. Needs the
 * demo newsroom (sections, authors, pictures) to exist.
 */
export async function seedSynthetic(
  store: Store,
  count: number,
  onProgress: (done: number) => void = () => {},
  now = new Date(),
): Promise<SyntheticOutcome> {
  const started = performance.now();
  const synthetic = new SyntheticStoryRepo(store.db);
  const sections = (await store.sections.all()).filter((s) => s.slug !== 'tools' && s.slug !== 'connect');
  const byId = await store.sections.byId();
  const authors = await synthetic.authorIds();
  const media = await synthetic.leadMediaIds();
  if (sections.length === 0 || authors.length === 0) {
    throw new Error('There is no newsroom to add stories to. Run `dateline seed-demo` first.');
  }
  const offset = await synthetic.storyCount();

  const tagNames = new Set<string>();
  for (let i = 0; i < 50; i++) for (const t of syntheticStory(i).tags) tagNames.add(t);
  const tagIds = new Map<string, number>();
  for (const name of tagNames) tagIds.set(tagSlug(name), (await store.tags.ensure(name)).id);

  // Spread stories back from a day ago, about ten minutes apart: 100k stories span two years.
  const spacing = 10 * 60_000;
  const newest = now.getTime() - 24 * 3_600_000;
  let done = 0;
  while (done < count) {
    const size = Math.min(BATCH, count - done);
    await synthetic.add(
      Array.from({ length: size }, (_, k) => {
        const n = offset + done + k;
        const story = syntheticStory(n);
        const section = sections[n % sections.length] as (typeof sections)[number];
        const publishedAt = newest - (count - done - k) * spacing;
        return {
          authorId: authors[n % authors.length] as number,
          tagIds: [...new Set(story.tags.map(tagSlug))].map((slug) => tagIds.get(slug) as number),
          row: {
            slug: story.slug,
            path: `${sectionPath(section, byId)}/${story.slug}`,
            section_id: section.id,
            root_section_id: rootSection(section, byId).id,
            headline: story.headline,
            summary: story.summary,
            body_html: story.bodyHtml,
            body_text: textOfHtml(story.bodyHtml),
            dateline: null,
            label: n % 17 === 0 ? 'analysis' : 'news',
            status: 'published',
            sponsor_id: null,
            lead_media_id: media.length > 0 ? (media[n % media.length] ?? null) : null,
            contributor_note: null,
            published_at: publishedAt,
            updated_at: null,
            created_at: publishedAt,
            modified_at: publishedAt,
          },
        };
      }),
    );
    done += size;
    onProgress(done);
  }
  return { added: count, seconds: (performance.now() - started) / 1000 };
}
