import type { WireItem } from '../../domain/wire-item.js';

/** One item read from a file and turned into a WireItem. */
export interface ParsedItem {
  ok: true;
  item: WireItem;
}

/**
 * One item (or the whole file) that could not be read: it goes to quarantine
 * with this reason. `pointer` says where: a JSON pointer (`/associations/0/uri`)
 * for ninjs, an element path (`/newsMessage/itemSet/newsItem[2]/itemMeta`) for
 * NewsML-G2, null when the file itself is broken (the reason then names line
 * and column or byte offset).
 */
export interface FailedItem {
  ok: false;
  reason: string;
  pointer: string | null;
  skipped?: false;
  /** The item's own id, when it could be read before things went wrong. */
  uri?: string;
}

/** An item of a kind the wire desk does not take (events, planning, concepts, catalogs…): not an error. */
export interface SkippedItem {
  ok: 'skipped';
  reason: string;
  uri?: string;
}

export type ParseOutcome = ParsedItem | FailedItem | SkippedItem;

export function failed(reason: string, pointer: string | null, uri?: string): FailedItem {
  return uri === undefined ? { ok: false, reason, pointer } : { ok: false, reason, pointer, uri };
}

export function skipped(reason: string, uri?: string): SkippedItem {
  return uri === undefined ? { ok: 'skipped', reason } : { ok: 'skipped', reason, uri };
}
