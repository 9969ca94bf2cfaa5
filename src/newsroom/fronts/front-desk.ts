import { type Article, isPublic } from '../../domain/article.js';
import { HOME_KEY, type PurgeSet, sectionKey } from '../../domain/cache-keys.js';
import { DatelineError } from '../../domain/errors.js';
import {
  FRONT_CANDIDATES,
  FRONT_HEADLINE_MAX,
  FRONT_SLOTS,
  type FrontId,
  fillFront,
  frontKey,
  parseFrontKey,
  pinActive,
} from '../../domain/front-layout.js';
import { renditionNear } from '../../domain/media.js';
import { bySiblingOrder, childSections, type Section, sectionPath } from '../../domain/section.js';
import type { PinRecord, Store } from '../../store/index.js';
import type { AdminFront, AdminFrontPin, AdminFrontSummary, AdminPinInput } from './front-contract.js';

/** The job that refreshes a front when a pin on it ends; payload `{ front }`. */
export const FRONT_EXPIRY_JOB = 'front.expire';

/** The longest a pin may be set to last. */
const MAX_PIN_DAYS = 90;

/** The purge keys of a front's pages (the home page and its feeds, or the section's front). */
export function frontPurge(front: FrontId): PurgeSet {
  return { keys: [front.kind === 'home' ? HOME_KEY : sectionKey(front.sectionId)], hard: false };
}

interface StoryFacts {
  id: number;
  headline: string;
  path: string;
  status: Article['status'];
  label: string;
  publishedAt: Date | null;
}

/**
 * The desk's side of curated fronts: what each slot shows, pinning,
 * unpinning and moving. Every change commits with its outbox row (the
 * front's pages are purged on every node and the cache tier at once), and
 * a pin that ends has a job at its end that refreshes the front again.
 */
export class FrontDesk {
  constructor(
    private readonly store: Store,
    /** The site's time zone now (the Settings screen may change it while the server runs). */
    private readonly timeZone: () => Promise<string>,
    private readonly clock: () => Date,
  ) {}

  /** Home, then every section front in menu order, with how many pins hold on each. */
  async list(): Promise<AdminFrontSummary[]> {
    const now = this.clock();
    const sections = treeOrder(await this.store.sections.all());
    const byId = await this.store.sections.byId();
    const counts = await this.store.fronts.holdingCounts(now);
    return [
      { key: 'home', name: 'Home', path: '/', pinned: counts.get('home') ?? 0 },
      ...sections.map((s) => ({ key: String(s.id), name: s.name, path: sectionPath(s, byId), pinned: counts.get(String(s.id)) ?? 0 })),
    ];
  }

  /** One front: each slot's pin (if any) and what readers see there now. */
  async get(key: string): Promise<AdminFront> {
    const { front, name, path } = await this.resolve(key);
    const now = this.clock();
    const fkey = frontKey(front);
    const [timeZone, pins, readerPins, newest] = await Promise.all([
      this.timeZone(),
      this.store.fronts.pins(fkey),
      this.store.fronts.readerPins(fkey, now),
      this.newest(front, now),
    ]);
    const filled = fillFront({ pins: readerPins, newest, now });
    const stories = await this.facts(pins.map((p) => p.articleId));
    const shownMedia = await this.store.media.many(filled.slots.flatMap((s) => (s.media ? [s.media.id] : [])));
    return {
      key: fkey,
      name,
      path,
      timeZone,
      slots: FRONT_SLOTS.map((spec, slot) => {
        const pin = pins.find((p) => p.slot === slot);
        const shown = filled.slots.find((s) => s.slot === slot);
        const media = shown?.media ? shownMedia.get(shown.media.id) : undefined;
        return {
          slot,
          role: spec.role,
          needsPhoto: spec.needsPhoto,
          pin: pin ? this.describePin(pin, stories.get(pin.articleId), now, timeZone) : null,
          shown: shown
            ? {
                articleId: shown.story.id,
                headline: shown.headline || shown.story.headline,
                path: shown.story.path,
                thumbnailUrl: media ? (renditionNear(media, 320, 'jpeg')?.url ?? null) : null,
                pinned: shown.pinned,
              }
            : null,
        };
      }),
    };
  }

  /** Pins a story into a slot (replacing what was pinned there). */
  async pin(key: string, slot: number, input: AdminPinInput, pinnedBy: number | null): Promise<AdminFront> {
    const { front } = await this.resolve(key);
    const now = this.clock();
    checkSlot(slot);
    const story = (await this.facts([input.articleId])).get(input.articleId);
    if (!story) throw new DatelineError('NOT_FOUND', `There is no story with id ${input.articleId}.`, { hint: 'Pick the story from the search list.' });
    if (story.label === 'sponsored') {
      throw new DatelineError('BAD_INPUT', `“${story.headline}” is sponsored, and sponsored stories never fill editorial slots.`, {
        hint: 'Sponsored stories appear in the sponsored box; pin a newsroom story here.',
      });
    }
    if (!isPublic(story, now)) {
      throw new DatelineError('CONFLICT', `“${story.headline}” is not published, so readers could not see it on the front.`, {
        hint: 'Publish the story first, then pin it.',
      });
    }
    const headline = frontHeadline(input.headline);
    const mediaId = input.mediaId ?? null;
    if (mediaId !== null && !(await this.store.media.get(mediaId))) {
      throw new DatelineError('BAD_INPUT', `There is no picture with id ${mediaId} in the media library.`, { hint: 'Choose the photo from the library, or leave it out to show the story’s own.' });
    }
    const expiresAt = expiry(input.expiresAt ?? null, now);
    const fkey = frontKey(front);
    const entry = await this.store.transaction(async (trx) => {
      await this.store.fronts.pin(trx, fkey, slot, { articleId: story.id, headline, mediaId, expiresAt, pinnedBy }, now);
      if (expiresAt) {
        // The page must not keep an ended pin: at its end a job purges the front again (and clears the row).
        await this.store.jobs.enqueue(trx, { kind: FRONT_EXPIRY_JOB, payload: { front: fkey }, runAt: expiresAt, key: `${fkey}@${expiresAt.getTime()}` }, now);
      }
      return this.store.outbox.record(trx, frontPurge(front), now);
    });
    this.store.changes.announceRecorded([entry]);
    return this.get(fkey);
  }

  /** Takes the pin out of a slot; the slot fills itself again. */
  async unpin(key: string, slot: number): Promise<AdminFront> {
    const { front } = await this.resolve(key);
    checkSlot(slot);
    const now = this.clock();
    const fkey = frontKey(front);
    const entry = await this.store.transaction(async (trx) => {
      const removed = await this.store.fronts.unpin(trx, fkey, slot);
      return removed ? this.store.outbox.record(trx, frontPurge(front), now) : null;
    });
    if (entry) this.store.changes.announceRecorded([entry]);
    return this.get(fkey);
  }

  /**
   * Moves what a slot shows to another slot. A story the front chose by
   * itself is pinned where it is put, so the move holds; what was in the
   * target slot (pinned) takes the place it left.
   */
  async move(key: string, from: number, to: number): Promise<AdminFront> {
    const { front } = await this.resolve(key);
    checkSlot(from);
    checkSlot(to);
    const now = this.clock();
    const fkey = frontKey(front);
    if (from === to) return this.get(fkey);
    const current = await this.get(fkey);
    const source = current.slots[from];
    const target = current.slots[to];
    if (!source?.shown) throw new DatelineError('BAD_INPUT', `Slot ${from + 1} is empty; there is nothing to move.`, { hint: 'Pin a story there first.' });
    const entry = await this.store.transaction(async (trx) => {
      const pins = await this.store.fronts.pins(fkey, trx);
      // Stories the front chose by itself become pins, so the order the editor set stays.
      for (const side of [source, target]) {
        if (side?.shown && !side.shown.pinned && !pins.some((p) => p.slot === side.slot)) {
          await this.store.fronts.pin(trx, fkey, side.slot, { articleId: side.shown.articleId, headline: null, mediaId: null, expiresAt: null, pinnedBy: null }, now);
        }
      }
      await this.store.fronts.move(trx, fkey, from, to);
      return this.store.outbox.record(trx, frontPurge(front), now);
    });
    this.store.changes.announceRecorded([entry]);
    return this.get(fkey);
  }

  /** `front.expire`: drops the front's ended pins and purges its pages, so no cached page keeps one. */
  async expire(key: string): Promise<void> {
    const front = parseFrontKey(key);
    if (!front) return;
    const now = this.clock();
    const entry = await this.store.transaction(async (trx) => {
      await this.store.fronts.deleteExpired(trx, key, now);
      return this.store.outbox.record(trx, frontPurge(front), now);
    });
    this.store.changes.announceRecorded([entry]);
  }

  private async resolve(key: string): Promise<{ front: FrontId; name: string; path: string }> {
    const front = parseFrontKey(key);
    if (front?.kind === 'home') return { front, name: 'Home', path: '/' };
    const section = front ? (await this.store.sections.byId()).get(front.sectionId) : undefined;
    if (!front || !section) {
      throw new DatelineError('NOT_FOUND', `There is no front “${key.slice(0, 40)}”.`, { hint: 'Use “home” or the id of a section, as the Fronts list gives them.' });
    }
    return { front, name: section.name, path: sectionPath(section, await this.store.sections.byId()) };
  }

  /** The front's newest public stories, as its reader page reads them. */
  private async newest(front: FrontId, now: Date) {
    const scope = front.kind === 'home' ? { kind: 'all' as const } : { kind: 'section' as const, section: (await this.store.sections.byId()).get(front.sectionId) };
    if (scope.kind === 'section' && !scope.section) return [];
    const list = await this.store.articles.list({
      scope: scope.kind === 'all' ? scope : { kind: 'section', section: scope.section as NonNullable<typeof scope.section> },
      limit: FRONT_CANDIDATES[front.kind],
      now,
    });
    return list.items;
  }

  private async facts(ids: number[]): Promise<Map<number, StoryFacts>> {
    const stories = await this.store.fronts.pinnedStories(ids);
    return new Map(stories.map((story) => [story.id, { ...story, status: story.status as Article['status'] }]));
  }

  private describePin(pin: PinRecord, story: StoryFacts | undefined, now: Date, timeZone: string): AdminFrontPin {
    const reason = !story
      ? 'The story no longer exists.'
      : !pinActive(pin, now)
        ? 'The pin has ended; the slot fills itself again.'
        : story.label === 'sponsored'
          ? 'Sponsored stories never fill editorial slots.'
          : story.status !== 'published'
            ? `The story is ${story.status}: readers cannot see it, so the slot fills itself.`
            : !isPublic(story, now)
              ? `The story is embargoed until ${this.zoned(story.publishedAt as Date, timeZone)}.`
              : null;
    return {
      articleId: pin.articleId,
      storyHeadline: story?.headline ?? '',
      headline: pin.headline,
      mediaId: pin.mediaId,
      expiresAt: pin.expiresAt?.toISOString() ?? null,
      expiresAtText: pin.expiresAt ? this.zoned(pin.expiresAt, timeZone) : null,
      live: reason === null,
      hiddenReason: reason,
    };
  }

  /** A moment in the site's time zone, with the zone named: `Mar 10, 2026, 5:00 PM PDT`. */
  private zoned(at: Date, timeZone: string): string {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    })
      .format(at)
      .replace(/\u202f/g, ' ');
  }
}

/** Top-level sections in menu order, each followed by its sub-sections. */
function treeOrder(sections: readonly Section[]): Section[] {
  const tops = sections.filter((s) => s.parentId === null).sort(bySiblingOrder);
  return tops.flatMap((top) => [top, ...childSections(sections, top.id)]);
}

function checkSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= FRONT_SLOTS.length) {
    throw new DatelineError('BAD_INPUT', `A front has slots 1 to ${FRONT_SLOTS.length} (0 to ${FRONT_SLOTS.length - 1} in the API); ${slot} is not one of them.`, {
      hint: 'Slot 0 is the lead; the others are the top stories beside it.',
    });
  }
}

/** A front-only headline: one line of plain text (shown escaped), or null for the story's own. */
function frontHeadline(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  if (clean.length > FRONT_HEADLINE_MAX) {
    throw new DatelineError('BAD_INPUT', `The front headline is ${clean.length} characters long; it may be at most ${FRONT_HEADLINE_MAX}.`, {
      hint: 'Shorten it, or leave it empty to show the story’s own headline.',
    });
  }
  return clean;
}

/** When a pin ends: a moment with its offset, in the future, within MAX_PIN_DAYS. */
function expiry(text: string | null, now: Date): Date | null {
  if (text === null || text.trim() === '') return null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim()) ? new Date(text.trim()) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw new DatelineError('BAD_INPUT', `“${text.slice(0, 40)}” is not a date and time the pin can end at.`, {
      hint: 'Give it as ISO 8601 with its offset, e.g. 2026-03-10T17:00:00-08:00, or leave it out to pin until changed.',
    });
  }
  if (at.getTime() <= now.getTime()) {
    throw new DatelineError('BAD_INPUT', 'That end time has already passed.', { hint: 'Choose a time in the future, or leave it out to pin until changed.' });
  }
  if (at.getTime() > now.getTime() + MAX_PIN_DAYS * 86_400_000) {
    throw new DatelineError('BAD_INPUT', `A pin can last at most ${MAX_PIN_DAYS} days.`, { hint: 'Choose an earlier end, or leave it out to pin until changed.' });
  }
  return at;
}
