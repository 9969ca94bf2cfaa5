import path from 'node:path';
import { paragraphsToHtml } from '../domain/html-text.js';
import { slugify } from '../domain/slug.js';
import { deleteAllContent, type Store } from '../store/index.js';
import { demoAuthors, demoSponsors } from './demo-authors.js';
import { DEMO_SEEDED_KEY } from './demo-marker.js';
import { demoNewsletters } from './demo-newsletters.js';
import { demoPictureInstaller } from './demo-picture-installer.js';
import { demoSections } from './demo-sections.js';
import { demoStories } from './demo-stories.js';
import { demoWorkflowStories } from './demo-workflow-stories.js';

export interface SeedOutcome {
  seeded: boolean;
  /** Why nothing was seeded. */
  reason?: string;
  stories: number;
}

const DEMO_KEY = DEMO_SEEDED_KEY;
const STARTED_KEY = 'demo-seeding-started-at';

async function clearPartialDemo(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    await deleteAllContent(tx);
    await store.meta.delete(STARTED_KEY, tx);
  });
  store.sections.invalidate();
}

/**
 * Fills an empty database with the demo newsroom. Runs once: a database
 * that was seeded, or that holds sections of its own, is left alone.
 */
export interface SeedOptions {
  /** Where the pictures' renditions are kept between runs (with `renditions: 'now'`). */
  pictureCacheDir?: string;
  /**
   * `now` (the default) encodes every rendition before seeding returns (test suites, `dateline seed-demo`);
   * `background` serves each committed picture file as it is and leaves the other sizes and formats to a
   * `demo.renditions` job, so a first `npm start` answers within seconds.
   */
  renditions?: 'now' | 'background';
  /** With `background`: how long the rendition jobs wait, so the first pages are served first (default 20 s). */
  renditionsDelayMs?: number;
  now?: Date;
  /** Called once seeding really begins, so a CLI can say why the first start takes a while. */
  onStart?: () => void;
}

/** @param mediaDir DATA_DIR/media: rendition caches live beside it; the renditions go to `store.mediaStore`. */
export async function seedDemo(store: Store, mediaDir: string, options: SeedOptions = {}): Promise<SeedOutcome> {
  const now = options.now ?? new Date();
  if (await store.meta.get(DEMO_KEY)) return { seeded: false, reason: 'the demo newsroom is already there', stories: 0 };
  if (await store.meta.get(STARTED_KEY)) {
    // A seeding that was stopped halfway (Ctrl-C on the first start) left only demo rows: clear them and start over.
    await clearPartialDemo(store);
  } else if ((await store.sections.all()).length > 0) {
    return { seeded: false, reason: 'the database already has sections of its own', stories: 0 };
  }
  if (!(await store.meta.claim(STARTED_KEY, now.toISOString()))) {
    return { seeded: false, reason: 'another process is seeding the demo newsroom', stories: 0 };
  }
  options.onStart?.();

  const pictureFor = demoPictureInstaller(
    store,
    options.renditions ?? 'now',
    options.pictureCacheDir ?? path.join(mediaDir, '..', 'cache', 'demo-pictures'),
    options.renditionsDelayMs,
  );

  const sectionIds = new Map<string, number>();
  for (const [position, section] of demoSections.entries()) {
    const created = await store.sections.create({
      slug: section.slug,
      name: section.name,
      description: section.description,
      parentId: section.parent ? (sectionIds.get(section.parent) ?? null) : null,
      position,
    });
    sectionIds.set(section.slug, created.id);
  }

  const authorIds = new Map<string, number>();
  for (const author of demoAuthors) {
    const pictureId = author.picture
      ? await pictureFor(author.picture, { caption: author.name, credit: 'Cedar Coast Dispatch', alt: `${author.name}’s profile picture` })
      : null;
    authorIds.set(
      author.key,
      await store.authors.create({ slug: slugify(author.key), name: author.name, kind: author.kind, bio: author.bio, pictureId }),
    );
  }

  const sponsorIds = new Map<string, number>();
  for (const sponsor of demoSponsors) {
    sponsorIds.set(sponsor.key, await store.sponsors.create({ slug: sponsor.key, name: sponsor.name, url: sponsor.url, blurb: sponsor.blurb }));
  }

  const hour = 3_600_000;
  // Oldest first, so ids grow with publication time as they would in a real newsroom.
  const stories = [...demoStories].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const story of stories) {
    const sectionId = sectionIds.get(story.section);
    if (!sectionId) throw new Error(`Demo story "${story.key}" names section "${story.section}", which does not exist.`);
    const leadMediaId = await pictureFor(story.photo.picture, {
      caption: story.photo.caption,
      credit: story.photo.credit,
      source: story.photo.source ?? '',
      alt: story.photo.alt,
    });
    await store.articleWriter.create(
      {
        headline: story.headline,
        slug: story.key,
        summary: story.summary,
        bodyHtml: paragraphsToHtml(story.body),
        dateline: story.dateline ?? null,
        label: story.label,
        status: 'published',
        sectionId,
        sponsorId: story.sponsor ? (sponsorIds.get(story.sponsor) ?? null) : null,
        leadMediaId,
        contributorNote: story.contributorNote ?? null,
        publishedAt: new Date(now.getTime() - story.hoursAgo * hour),
        updatedAt: story.updatedHoursAgo === undefined ? null : new Date(now.getTime() - story.updatedHoursAgo * hour),
        authorIds: story.authors.map((key) => {
          const id = authorIds.get(key);
          if (!id) throw new Error(`Demo story "${story.key}" names author "${key}", which does not exist.`);
          return id;
        }),
        tagNames: story.tags,
      },
      now,
    );
  }
  // Work in progress for the newsroom: never published, so the reader site does not show it.
  for (const story of demoWorkflowStories) {
    await store.articleWriter.create(
      {
        headline: story.headline,
        slug: story.key,
        summary: story.summary,
        bodyHtml: paragraphsToHtml(story.body),
        dateline: story.dateline ?? null,
        label: 'news',
        status: story.status,
        sectionId: sectionIds.get(story.section) as number,
        authorIds: story.authors.map((key) => authorIds.get(key) as number),
        tagNames: story.tags,
      },
      new Date(now.getTime() - story.hoursAgo * hour),
    );
  }
  for (const list of demoNewsletters) await store.newsletters.createList(list, now);
  await store.meta.set(DEMO_KEY, now.toISOString());
  return { seeded: true, stories: stories.length + demoWorkflowStories.length };
}
