import { describe, expect, it } from 'vitest';
import { type FrontPin, type FrontStory, fillFront, parseFrontKey, teaserText } from './front-layout.js';
import type { Label } from './label.js';
import type { Media } from './media.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const photo = (id: number): Media => ({ id, width: 1200, height: 800, caption: `Picture ${id}`, credit: 'Staff', source: '', alt: `Picture ${id}`, renditions: [{ format: 'jpeg', width: 640, height: 427, url: `/media/${id}.jpg` }] });

interface Story extends FrontStory {
  name: string;
}
function story(id: number, options: { photo?: boolean; label?: Label } = {}): Story {
  return { id, name: `story ${id}`, label: options.label ?? 'news', leadMedia: options.photo === false ? null : photo(id * 10) };
}
function pin(slot: number, s: Story | undefined, extra: Partial<FrontPin<Story>> = {}): FrontPin<Story> {
  return { slot, story: s, headline: null, media: null, expiresAt: null, ...extra };
}
const ids = (front: ReturnType<typeof fillFront<Story>>) => ({ slots: front.slots.map((s) => s.story.id), river: front.river.map((s) => s.id) });

describe('filling a front', () => {
  const newest = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => story(id));

  it('fills every slot with the newest stories and leaves the rest to the river, when nobody pinned anything', () => {
    expect(ids(fillFront({ pins: [], newest, now: NOW }))).toEqual({ slots: [1, 2, 3, 4, 5], river: [6, 7, 8] });
  });

  it('puts a pinned story in its slot, above newer stories, and never shows it twice', () => {
    const front = fillFront({ pins: [pin(0, story(7))], newest, now: NOW });
    expect(ids(front)).toEqual({ slots: [7, 1, 2, 3, 4], river: [5, 6, 8] });
    expect(front.slots[0]?.pinned).toBe(true);
    expect(front.slots[1]?.pinned).toBe(false);
  });

  it('gives a pin its front-only headline and photo, and the story’s own photo when it has none of its own', () => {
    const front = fillFront({ pins: [pin(0, story(7), { headline: 'Ferry back on Sunday', media: photo(99) }), pin(1, story(8))], newest, now: NOW });
    expect(front.slots[0]?.headline).toBe('Ferry back on Sunday');
    expect(front.slots[0]?.media?.id).toBe(99);
    expect(front.slots[1]?.headline).toBeNull();
    expect(front.slots[1]?.media?.id).toBe(80);
  });

  it('lets an expired pin go: the slot fills itself again', () => {
    const expired = pin(0, story(7), { expiresAt: new Date(NOW.getTime() - 1) });
    const lasting = pin(1, story(8), { expiresAt: new Date(NOW.getTime() + 60_000) });
    expect(ids(fillFront({ pins: [expired, lasting], newest, now: NOW }))).toEqual({ slots: [1, 8, 2, 3, 4], river: [5, 6, 7] });
  });

  it('drops a pin whose story readers may no longer see (killed, unpublished, embargoed)', () => {
    expect(ids(fillFront({ pins: [pin(0, undefined)], newest, now: NOW })).slots[0]).toBe(1);
  });

  it('skips photo-less stories in slots that need a photo, and gives them the first slot that does not', () => {
    const mixed = [story(1, { photo: false }), story(2), story(3, { photo: false }), story(4), story(5), story(6)];
    const front = fillFront({ pins: [], newest: mixed, now: NOW });
    expect(ids(front)).toEqual({ slots: [2, 4, 5, 1, 3], river: [6] });
    expect(front.slots.map((s) => s.media === null)).toEqual([false, false, false, true, true]);
  });

  it('leads with a photo-less story, shown without a picture, when no story has a photo', () => {
    const front = fillFront({ pins: [], newest: [story(1, { photo: false }), story(2, { photo: false })], now: NOW });
    expect(ids(front)).toEqual({ slots: [1, 2], river: [] });
    expect(front.slots[0]?.media).toBeNull();
  });

  it('counts a picture with no rendition to show as no photo', () => {
    const unready = { ...story(1), leadMedia: { ...photo(10), renditions: [] } };
    const front = fillFront({ pins: [], newest: [unready, story(2)], now: NOW });
    expect(front.slots.map((s) => [s.story.id, s.media?.id ?? null])).toEqual([[2, 20], [1, null]]);
  });

  it('keeps a photo-less pin in a photo slot (the pin wins; the page adapts)', () => {
    const front = fillFront({ pins: [pin(0, story(8, { photo: false }))], newest, now: NOW });
    expect(front.slots[0]?.story.id).toBe(8);
    expect(front.slots[0]?.media).toBeNull();
  });

  it('never fills a slot or the river with a sponsored story, pinned or not', () => {
    const paid = story(2, { label: 'sponsored' });
    const front = fillFront({ pins: [pin(1, story(9, { label: 'sponsored' }))], newest: [story(1), paid, story(3)], now: NOW });
    expect(ids(front)).toEqual({ slots: [1, 3], river: [] });
  });

  it('shows fewer slots than the layout has when the front has fewer stories, with no empty slot', () => {
    const front = fillFront({ pins: [], newest: [story(1), story(2)], now: NOW });
    expect(front.slots.map((s) => s.slot)).toEqual([0, 1]);
    expect(fillFront({ pins: [], newest: [], now: NOW }).slots).toEqual([]);
  });

  it('shows a story pinned twice once, in the first slot', () => {
    expect(ids(fillFront({ pins: [pin(3, story(8)), pin(1, story(8))], newest, now: NOW })).slots).toEqual([1, 8, 2, 3, 4]);
  });

  it('ignores a pin to a slot the layout does not have', () => {
    expect(ids(fillFront({ pins: [pin(9, story(8))], newest, now: NOW })).slots).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('teaser text', () => {
  const body = 'The opening of the body, cut […]';

  it('is the summary when the story has one, whole when it fits', () => {
    expect(teaserText({ summary: ' The ferry runs again on Sunday. ', excerpt: body }, 200)).toBe('The ferry runs again on Sunday.');
  });

  it('cuts a long summary once, at a word boundary', () => {
    const summary = 'The county’s night ferry returns for the winter with a later last sailing and a new stop at Cedar Point';
    const text = teaserText({ summary, excerpt: body }, 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).toBe('The county’s night ferry returns for the winter with a […]');
  });

  it('falls back to the body’s opening when there is no summary', () => {
    expect(teaserText({ summary: '  ', excerpt: body })).toBe(body);
  });
});

describe('front keys', () => {
  it('reads home and section ids, and nothing else', () => {
    expect(parseFrontKey('home')).toEqual({ kind: 'home' });
    expect(parseFrontKey('12')).toEqual({ kind: 'section', sectionId: 12 });
    for (const bad of ['', '0', '-1', '1.5', 'Home', '12abc', '99999999999', '../etc']) expect(parseFrontKey(bad), bad).toBeNull();
  });
});
