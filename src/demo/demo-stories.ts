import { readMarkdownFolder } from './demo-content.js';
import type { DemoLabel, DemoStory } from './demo-story.js';

/**
 * The demo's published stories for the Cedar Coast Dispatch, a fictional
 * regional news site covering fictional Cedar County on the Washington coast.
 * Every person, business, school and team in them is invented. Each story is
 * a Markdown file in content/stories/, named for its slug.
 */

const LABELS: readonly DemoLabel[] = ['news', 'opinion', 'analysis', 'sponsored'];
const FIELDS = ['section', 'headline', 'summary', 'authors', 'label', 'sponsor', 'dateline', 'contributorNote', 'tags', 'hoursAgo', 'updatedHoursAgo', 'photo'];
const PHOTO_FIELDS = ['picture', 'caption', 'credit', 'source', 'alt'];

export function readDemoStories(): DemoStory[] {
  return readMarkdownFolder('stories').map(({ key, fields, paragraphs }) => {
    const f = fields.only(FIELDS);
    const photo = f.object('photo').only(PHOTO_FIELDS);
    const story: DemoStory = {
      key,
      section: f.string('section'),
      headline: f.string('headline'),
      summary: f.string('summary'),
      body: paragraphs,
      authors: f.strings('authors'),
      label: f.oneOf('label', LABELS),
      sponsor: f.optionalString('sponsor'),
      dateline: f.optionalString('dateline'),
      contributorNote: f.optionalString('contributorNote'),
      tags: f.strings('tags'),
      hoursAgo: f.number('hoursAgo'),
      updatedHoursAgo: f.optionalNumber('updatedHoursAgo'),
      photo: {
        picture: photo.string('picture'),
        caption: photo.string('caption'),
        credit: photo.string('credit'),
        source: photo.optionalString('source'),
        alt: photo.string('alt'),
      },
    };
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) throw new Error(`stories/${key}.md: the file name is the story's slug: lowercase letters, digits and dashes.`);
    if ((story.label === 'sponsored') !== (story.sponsor !== undefined)) {
      throw new Error(`stories/${key}.md: a sponsored story names its sponsor, and only a sponsored story does.`);
    }
    if (story.updatedHoursAgo !== undefined && story.updatedHoursAgo >= story.hoursAgo) {
      throw new Error(`stories/${key}.md: updatedHoursAgo (${story.updatedHoursAgo}) must be less than hoursAgo (${story.hoursAgo}).`);
    }
    return story;
  });
}

export const demoStories: DemoStory[] = readDemoStories();
