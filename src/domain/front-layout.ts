import { excerpt } from './excerpt.js';
import type { Label } from './label.js';
import type { Media } from './media.js';

/**
 * Fronts the desk curates: the home page and every section front open with a
 * lead story and a few top stories, then the automatic river. An editor may
 * pin a story into a slot (with a front-only headline and photo, for a while);
 * every slot nobody pinned fills itself with the front's newest stories.
 */

/** Which front: the home page, or one section's front. */
export type FrontId = { kind: 'home' } | { kind: 'section'; sectionId: number };

/** The front's name in URLs and in the `front_slots` table: `home`, or the section's id. */
export function frontKey(front: FrontId): string {
  return front.kind === 'home' ? 'home' : String(front.sectionId);
}

/** Reads a front key from a URL; null when it names no front. */
export function parseFrontKey(text: string): FrontId | null {
  if (text === 'home') return { kind: 'home' };
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return { kind: 'section', sectionId: Number(text) };
}

export interface FrontSlotSpec {
  /** The lead is the large story with its photo large; top stories sit beside it. */
  role: 'lead' | 'top';
  /** Filled automatically only by a story with a photo (a pin may still be photo-less: the layout adapts). */
  needsPhoto: boolean;
  /** The most characters of summary the slot shows before it is cut at a word boundary. */
  textChars: number;
}

/** The slots of every front, in reading order: slot 0 is the lead. */
export const FRONT_SLOTS: readonly FrontSlotSpec[] = [
  { role: 'lead', needsPhoto: true, textChars: 320 },
  { role: 'top', needsPhoto: true, textChars: 120 },
  { role: 'top', needsPhoto: true, textChars: 120 },
  { role: 'top', needsPhoto: false, textChars: 100 },
  { role: 'top', needsPhoto: false, textChars: 100 },
];

/** Stories in the home page's "Latest" list, below the slots. */
export const HOME_LATEST = 6;

/**
 * How many of a front's newest stories its slots choose from: on the home
 * page the slots, the latest list and a few spare for photo slots to skip; on
 * a section front its first page (20 stories, src/site/reader-routes.tsx).
 */
export const FRONT_CANDIDATES = { home: FRONT_SLOTS.length + HOME_LATEST + 4, section: 20 } as const;

/** How many characters a teaser outside the slots (the river, lists) shows. */
export const RIVER_TEXT_CHARS = 200;

/** The longest front-only headline, like the newsroom's own headline limit for a teaser. */
export const FRONT_HEADLINE_MAX = 160;

/** What the filling rules need to know of a story. */
export interface FrontStory {
  id: number;
  label: Label;
  leadMedia: Media | null;
}

/** A pin as stored, with its story when readers may see it now (undefined: killed, unpublished, embargoed, gone). */
export interface FrontPin<T extends FrontStory> {
  slot: number;
  story: T | undefined;
  /** Shown on this front instead of the story's own headline. */
  headline: string | null;
  /** Shown on this front instead of the story's lead photo. */
  media: Media | null;
  expiresAt: Date | null;
}

export interface FilledSlot<T extends FrontStory> {
  slot: number;
  spec: FrontSlotSpec;
  story: T;
  pinned: boolean;
  /** The front-only headline, else null (the story's own applies). */
  headline: string | null;
  /** The picture the slot shows: the front-only photo, else the story's, else none (the layout adapts). */
  media: Media | null;
  expiresAt: Date | null;
}

export interface FilledFront<T extends FrontStory> {
  /** Filled slots in reading order; slots with no story to show are left out, never shown empty. */
  slots: FilledSlot<T>[];
  /** The newest stories not in a slot, in their order. */
  river: T[];
}

/** Whether a story can show a picture: it has one, with a rendition browsers can all show. */
export function hasPhoto(media: Media | null): media is Media {
  return media?.renditions.some((r) => r.format === 'jpeg') ?? false;
}

/** Whether a pin still holds at `now`. */
export function pinActive(pin: { expiresAt: Date | null }, now: Date): boolean {
  return pin.expiresAt === null || pin.expiresAt.getTime() > now.getTime();
}

/**
 * Fills a front. Pins win their slot while they last and while their story
 * is public and editorial; every other slot takes the newest story not yet
 * shown (one with a photo where the slot needs one, then, only when no
 * story with a photo is left, any). Sponsored stories never fill a slot or
 * the river. No story appears twice.
 *
 * @param newest the front's newest public stories, newest first
 */
export function fillFront<T extends FrontStory>(input: {
  pins: readonly FrontPin<T>[];
  newest: readonly T[];
  now: Date;
  slots?: readonly FrontSlotSpec[];
}): FilledFront<T> {
  const specs = input.slots ?? FRONT_SLOTS;
  const chosen: Array<FilledSlot<T> | undefined> = specs.map(() => undefined);
  const used = new Set<number>();

  for (const pin of [...input.pins].sort((a, b) => a.slot - b.slot)) {
    const spec = specs[pin.slot];
    const story = pin.story;
    if (!spec || !story || chosen[pin.slot] || used.has(story.id)) continue;
    if (story.label === 'sponsored' || !pinActive(pin, input.now)) continue;
    used.add(story.id);
    const media = hasPhoto(pin.media) ? pin.media : hasPhoto(story.leadMedia) ? story.leadMedia : null;
    chosen[pin.slot] = { slot: pin.slot, spec, story, pinned: true, headline: pin.headline, media, expiresAt: pin.expiresAt };
  }

  const candidates = input.newest.filter((story) => story.label !== 'sponsored');
  const take = (slot: number, spec: FrontSlotSpec, photoOnly: boolean) => {
    const story = candidates.find((s) => !used.has(s.id) && (!photoOnly || hasPhoto(s.leadMedia)));
    if (!story) return;
    used.add(story.id);
    chosen[slot] = { slot, spec, story, pinned: false, headline: null, media: hasPhoto(story.leadMedia) ? story.leadMedia : null, expiresAt: null };
  };
  specs.forEach((spec, slot) => {
    if (!chosen[slot]) take(slot, spec, spec.needsPhoto);
  });
  // A photo slot no photographed story could fill takes a photo-less one and shows it without a picture.
  specs.forEach((spec, slot) => {
    if (!chosen[slot]) take(slot, spec, false);
  });

  return {
    slots: chosen.filter((slot): slot is FilledSlot<T> => slot !== undefined),
    river: candidates.filter((story) => !used.has(story.id)),
  };
}

/**
 * The text under a teaser's headline: the story's summary when it has one,
 * cut at a word boundary only when longer than the place allows; else the
 * opening of the body, already cut. Cut here once; styles never clamp it again.
 */
export function teaserText(story: { summary: string; excerpt: string }, maxChars = RIVER_TEXT_CHARS): string {
  const summary = story.summary.trim();
  return summary ? excerpt(summary, maxChars) : story.excerpt;
}
