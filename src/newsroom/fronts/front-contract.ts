/**
 * The admin API's shapes for the Fronts screen (GET/PUT/DELETE/POST under
 * /admin/api/fronts), shared by the server and the newsroom app.
 */

/** A front the desk can curate: the home page or a section's front. */
export interface AdminFrontSummary {
  /** `home`, or the section's id. */
  key: string;
  name: string;
  /** Where readers see it. */
  path: string;
  /** How many pins hold now. */
  pinned: number;
}

/** A pin as the desk set it. */
export interface AdminFrontPin {
  articleId: number;
  /** The story's own headline. */
  storyHeadline: string;
  /** The front-only headline, or null. */
  headline: string | null;
  /** The front-only photo, or null (the story's lead photo shows). */
  mediaId: number | null;
  /** When the pin ends (ISO 8601), or null: until someone changes it. */
  expiresAt: string | null;
  /** The same moment in the site's time zone, labelled, e.g. "Mar 10, 2026, 5:00 PM PDT". */
  expiresAtText: string | null;
  /** Whether readers see it now; else why not. */
  live: boolean;
  hiddenReason: string | null;
}

/** What a slot shows readers now (pinned or filled automatically). */
export interface AdminFrontShown {
  articleId: number;
  headline: string;
  path: string;
  thumbnailUrl: string | null;
  pinned: boolean;
}

export interface AdminFrontSlot {
  slot: number;
  role: 'lead' | 'top';
  /** Whether the slot fills itself only with stories that have a photo. */
  needsPhoto: boolean;
  pin: AdminFrontPin | null;
  shown: AdminFrontShown | null;
}

export interface AdminFront {
  key: string;
  name: string;
  path: string;
  /** The zone expiry times are given in. */
  timeZone: string;
  slots: AdminFrontSlot[];
}

/** PUT /admin/api/fronts/:front/slots/:slot */
export interface AdminPinInput {
  articleId: number;
  headline?: string | null;
  mediaId?: number | null;
  expiresAt?: string | null;
}
