import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PICTURE_DIR, DemoContentError, parseMarkdown } from './demo-content.js';
import { demoNewsroom } from './demo-newsroom.js';
import { demoPictures } from './demo-pictures.js';
import { demoStories } from './demo-stories.js';
import { demoWorkflowStories } from './demo-workflow-stories.js';
import { jpegSize } from './jpeg-size.js';

const files = readdirSync(DEMO_PICTURE_DIR).filter((name) => !name.startsWith('.'));
const named = new Set([...demoStories.map((s) => s.photo.picture), ...demoNewsroom.authors.flatMap((a) => (a.picture ? [a.picture] : []))]);

describe('the demo content files', () => {
  it('hold 50 published stories and 3 in the newsroom, each naming sections, authors and sponsors that exist', () => {
    expect(demoStories).toHaveLength(50);
    expect(demoWorkflowStories).toHaveLength(3);
    const sections = new Set(demoNewsroom.sections.map((s) => s.slug));
    const authors = new Set(demoNewsroom.authors.map((a) => a.key));
    const sponsors = new Set(demoNewsroom.sponsors.map((s) => s.key));
    for (const story of [...demoStories, ...demoWorkflowStories]) {
      expect(sections.has(story.section), story.key).toBe(true);
      for (const author of story.authors) expect(authors.has(author), `${story.key}: ${author}`).toBe(true);
    }
    for (const story of demoStories) if (story.sponsor) expect(sponsors.has(story.sponsor), story.key).toBe(true);
    expect(new Set(demoStories.map((s) => s.key)).size).toBe(demoStories.length);
  });

  it('ship one committed JPEG per picture the content names, and no picture nobody uses', () => {
    expect(new Set(files)).toEqual(new Set([...named].map((key) => `${key}.jpg`)));
    for (const key of named) expect(demoPictures.find((p) => p.key === key), `${key} has a drawing recipe in demo-pictures.ts`).toBeDefined();
  });

  it('keep the pictures small: 1280x720 scenes, 600x600 portraits, under 2 MB together', () => {
    let total = 0;
    for (const name of files) {
      const bytes = readFileSync(path.join(DEMO_PICTURE_DIR, name));
      const size = jpegSize(bytes);
      const recipe = demoPictures.find((p) => `${p.key}.jpg` === name);
      const square = recipe?.scene === 'portrait' || recipe?.scene === 'logo';
      expect(size, name).toEqual(square ? { width: 600, height: 600 } : { width: 1280, height: 720 });
      total += statSync(path.join(DEMO_PICTURE_DIR, name)).size;
    }
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it('caption every drawn picture honestly as an illustration, credited to the newsroom that drew it', () => {
    for (const story of demoStories) {
      expect(story.photo.caption, story.key).toMatch(/^Illustration of /);
      expect(story.photo.alt, story.key).toMatch(/^Illustration of /);
      expect(story.photo.credit, story.key).toBe('Cedar Coast Dispatch');
      expect(story.photo.source, story.key).toBe('Illustration');
    }
  });

  it('give each sports story the picture of its own sport (no soccer pitch for a baseball story)', () => {
    const SPORT_PICTURE: Record<string, string> = {
      Baseball: 'ballpark-driftwood-park',
      'High school football': 'football-under-the-lights',
      'College football': 'football-under-the-lights',
      Soccer: 'soccer-pitch',
      Volleyball: 'volleyball-gym',
      Rowing: 'rowing-race',
    };
    let checked = 0;
    for (const story of demoStories) {
      for (const tag of story.tags) {
        const picture = SPORT_PICTURE[tag];
        if (!picture) continue;
        expect(story.photo.picture, `${story.key} is tagged ${tag}`).toBe(picture);
        checked++;
      }
    }
    expect(checked).toBe(7);
    // And no other story borrows a sports picture.
    const sportsPictures = new Set(Object.values(SPORT_PICTURE));
    for (const story of demoStories.filter((s) => s.section !== 'sports')) expect(sportsPictures.has(story.photo.picture), story.key).toBe(false);
  });
});

describe('reading a story file', () => {
  it('splits front matter from paragraphs, joining wrapped lines', () => {
    const { fields, paragraphs } = parseMarkdown('stories/x.md', '---\nheadline: A\nhoursAgo: 2\n---\n\nOne line\nwrapped.\n\nTwo.\n');
    expect(fields.string('headline')).toBe('A');
    expect(fields.number('hoursAgo')).toBe(2);
    expect(paragraphs).toEqual(['One line wrapped.', 'Two.']);
  });

  it('names the file and the field when something is wrong', () => {
    expect(() => parseMarkdown('stories/x.md', 'headline: A\n\nBody')).toThrow(/stories\/x\.md: must start with front matter/);
    expect(() => parseMarkdown('stories/x.md', '---\nheadline: [A\n---\n\nBody')).toThrow(/stories\/x\.md: the front matter is not valid YAML/);
    expect(() => parseMarkdown('stories/x.md', '---\nheadline: A\n---\n\n')).toThrow(/stories\/x\.md: has no body/);
    const { fields } = parseMarkdown('stories/x.md', '---\nheadline: ""\nhoursAgo: soon\nheadlnie: B\n---\n\nBody');
    expect(() => fields.string('headline')).toThrow(DemoContentError);
    expect(() => fields.string('headline')).toThrow('stories/x.md: "headline" must be a non-empty text; it is ""');
    expect(() => fields.number('hoursAgo')).toThrow('"hoursAgo" must be a number of 0 or more; it is "soon"');
    expect(() => fields.only(['headline', 'hoursAgo'])).toThrow('stories/x.md: unknown field "headlnie"');
  });
});

describe('jpegSize', () => {
  it('reads the frame size, and refuses what is not a JPEG', () => {
    const bytes = readFileSync(path.join(DEMO_PICTURE_DIR, 'city-hall.jpg'));
    expect(jpegSize(bytes)).toEqual({ width: 1280, height: 720 });
    expect(jpegSize(Buffer.from('GIF89a'))).toBeUndefined();
    expect(jpegSize(bytes.subarray(0, 40))).toBeUndefined();
  });
});
