import { demoAuthors, demoSponsors } from '../../src/demo/demo-authors.js';
import { demoSections } from '../../src/demo/demo-sections.js';
import { demoStories } from '../../src/demo/demo-stories.js';
import type { DemoStory } from '../../src/demo/demo-story.js';

/**
 * What the demo newsroom's hand-written records say, looked up for
 * assertions: where a story lives, who wrote it, which section it is in.
 * These read the demo data only, never the app's own logic.
 */

export function demoStory(key: string): DemoStory {
  const story = demoStories.find((s) => s.key === key);
  if (!story) throw new Error(`No demo story ${key}`);
  return story;
}

export function demoSectionPath(slug: string): string {
  const section = demoSections.find((s) => s.slug === slug);
  if (!section) throw new Error(`No demo section ${slug}`);
  return section.parent ? `/${section.parent}/${slug}` : `/${slug}`;
}

export function demoSectionName(slug: string): string {
  return demoSections.find((s) => s.slug === slug)?.name ?? slug;
}

/** The public path the seeder gives a demo story. */
export function demoStoryPath(story: DemoStory): string {
  return `${demoSectionPath(story.section)}/${story.key}`;
}

export function demoAuthorName(key: string): string {
  const author = demoAuthors.find((a) => a.key === key);
  if (!author) throw new Error(`No demo author ${key}`);
  return author.name;
}

export function demoAuthorKind(key: string): 'person' | 'organization' {
  return demoAuthors.find((a) => a.key === key)?.kind ?? 'person';
}

export function demoSponsorName(key: string | undefined): string {
  return demoSponsors.find((s) => s.key === key)?.name ?? '';
}

/** Paths of every sponsored demo story. */
export const SPONSORED_PATHS: readonly string[] = demoStories.filter((s) => s.label === 'sponsored').map(demoStoryPath);

/** The demo story a path names, if any. */
export function demoStoryAt(path: string): DemoStory | undefined {
  return demoStories.find((s) => demoStoryPath(s) === path);
}

/**
 * Editorial demo stories of a section as its front lists them: a top-level
 * section includes its sub-sections; newest first.
 */
export function demoEditorialIn(sectionSlug: string): DemoStory[] {
  const children = demoSections.filter((s) => s.parent === sectionSlug).map((s) => s.slug);
  return demoStories
    .filter((s) => s.label !== 'sponsored' && (s.section === sectionSlug || children.includes(s.section)))
    .sort((a, b) => a.hoursAgo - b.hoursAgo);
}

export { demoAuthors, demoSections, demoSponsors, demoStories };
