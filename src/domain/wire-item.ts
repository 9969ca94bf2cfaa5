/**
 * One version of one item as an agency sent it, whatever the format (IPTC
 * ninjs 1.x–3.x, NewsML-G2). Parsers turn raw bytes into these; ingest
 * never looks at the raw format again.
 */
export type WirePubStatus = 'usable' | 'withheld' | 'canceled';

/** What the item is; only text items become stories, pictures go to the media library. */
export type WireItemType = 'text' | 'picture' | 'graphic' | 'video' | 'audio' | 'composite' | 'event' | 'planning' | 'concept' | 'other';

export interface WireRendition {
  /** Provider's name for it: "highres", "thumbnail", "rnd:web". */
  name: string;
  /** An http(s) URL, or a path relative to the file the item came in. */
  href: string;
  contentType: string | null;
  width: number | null;
  height: number | null;
  sizeInBytes: number | null;
}

export interface WirePicture {
  /** The picture item's own id, when it has one. */
  uri: string | null;
  caption: string | null;
  /** Copyright holder or credit line, shown as `Credit: NAME`. */
  credit: string | null;
  /** Photographer and source, its `by`. */
  byline: string | null;
  copyright: string | null;
  altText: string | null;
  renditions: WireRendition[];
}

/** A person, organisation or place the agency says the item is about (issue 14: confirmed entities at once). */
export interface WireNamedEntity {
  name: string;
  kind: 'person' | 'organization' | 'place';
  code: string | null;
}

export interface WireSubject {
  name: string | null;
  /** Code or URI: "medtop:11000000", "http://cv.iptc.org/newscodes/mediatopic/11000000". */
  code: string | null;
}

/** The agency's signals: an update to a developing story, or a correction of an error. */
export type WireSignal = 'update' | 'correction';

export interface WireItem {
  /** The format it arrived in, with version: "ninjs 2.1", "NewsML-G2 2.35". */
  format: string;
  /** Stable identity across versions: ninjs `uri`, NewsML-G2 `guid`. */
  uri: string;
  /** The agency's version: a number when it is one (G2 always; ninjs strings such as "3"), else the raw string. */
  version: string;
  firstCreated: Date | null;
  versionCreated: Date | null;
  pubStatus: WirePubStatus;
  type: WireItemType;
  headline: string | null;
  summary: string | null;
  /** The body as HTML, NOT yet sanitized (ingest sanitizes before storing). Plain-text bodies are turned into paragraphs. */
  bodyHtml: string | null;
  /** Who wrote it as the agency credits them: ninjs `by` (1.x `byline`), NewsML-G2 `contentMeta/by` or its creators. */
  byline: string | null;
  /** Who holds the rights: ninjs `copyrightholder`, NewsML-G2 `rightsInfo/copyrightHolder`. Optional so hand-built items may leave it out; parsers always set it. */
  copyrightHolder?: string | null;
  /** The rights line to keep with the story and its pictures: "(c) 2031 Pacific Wire Service". */
  copyrightNotice?: string | null;
  /** The agency that sent it, when the format names it (NewsML-G2 `itemMeta/provider`). */
  provider?: string | null;
  /** Dateline text as the agency wrote it ("OLYMPIA, Wash. (PWS)"), or the `located` place. */
  dateline: string | null;
  language: string | null;
  subjects: WireSubject[];
  /** People, organisations and places the agency named (typed subjects, ninjs people/organisations/places); optional so hand-built items may leave it out. */
  namedEntities?: WireNamedEntity[];
  slugline: string | null;
  /** 1 (most urgent) … 9. */
  urgency: number | null;
  embargoedUntil: Date | null;
  /** After this the agency no longer considers the item editorially relevant (ninjs `expires`, G2 `itemMeta/expires`). Optional so hand-built items may leave it out; parsers always set it. */
  expires?: Date | null;
  signals: WireSignal[];
  /** Internal note for the receiving desk: never published. */
  edNote: string | null;
  /** Pictures attached to the story (ninjs associations, G2 links/package refs resolved), or the picture itself for a picture item. */
  pictures: WirePicture[];
  /** Ids of other items this one links to that the parser could not resolve itself (G2 links to separate picture items). */
  links: Array<{ rel: string | null; uri: string }>;
  /** What the parser noticed but accepted (an unknown pubStatus read as withheld, a time without a zone read as UTC): for the desk, never published. */
  notes?: string[];
}
