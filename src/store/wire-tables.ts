import type { Generated } from 'kysely';

/** What the site does with a wire item now. */
export const WIRE_STATES = ['live', 'held', 'withheld', 'killed', 'embargoed', 'skipped'] as const;
export type WireState = (typeof WIRE_STATES)[number];

/** One agency item (ninjs `uri`, NewsML-G2 `guid`) and where its current version stands. */
export interface WireItemTable {
  id: Generated<number>;
  uri: string;
  /** The story made from it; null for pictures and items that were skipped. */
  article_id: number | null;
  /** The media-library picture made from a stand-alone picture item. */
  media_id: number | null;
  type: string;
  version: string;
  /** The version as a number when it is one, for ordering. */
  version_number: number | null;
  version_created: number | null;
  pub_status: string;
  state: WireState;
  source: string;
  first_seen_at: number;
  updated_at: number;
  /** Why it waits in the wire queue when the rules alone do not say (migration 0029). */
  desk_note: string | null;
  /** The agency's name: the item's provider or copyright holder, else the rules' agency (migration 0029). */
  agency: string | null;
}

/** Every version of every item that arrived, kept for good. */
export interface WireVersionTable {
  id: Generated<number>;
  wire_item_id: number;
  version: string;
  version_created: number | null;
  pub_status: string;
  received_at: number;
  source: string;
  outcome: string;
  /** The parsed WireItem as JSON. */
  item_json: string;
  /** The item as it arrived (the file's text, or this item's part of it). */
  raw: string;
}

/** Input that could not be read, kept byte for byte with the reason. */
export interface WireQuarantineTable {
  id: Generated<number>;
  received_at: number;
  /** `file`, `http`, `inbox`, `poll`, with the source's name: `file:/srv/wire/in`. */
  source: string;
  file_name: string;
  uri: string | null;
  reason: string;
  pointer: string | null;
  raw: Uint8Array;
  /** SHA-256 of raw, hex: finding the same bytes again reads no blobs (migration 0029). */
  raw_sha256: string | null;
  retried_at: number | null;
  resolved: Generated<number>;
}

/** A picture that could not be fetched yet; retried with backoff. */
export interface WirePictureFetchTable {
  id: Generated<number>;
  wire_item_id: number;
  article_id: number | null;
  url: string;
  base_dir: string | null;
  /** The WirePicture as JSON: caption, credit, byline, renditions. */
  picture_json: string;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: number;
  done_at: number | null;
  created_at: number;
  /** The picture this fetch made, once it did (0031): how an update knows a story's lead is still the agency's. */
  media_id: number | null;
}
