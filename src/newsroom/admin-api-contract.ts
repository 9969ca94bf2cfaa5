/**
 * The newsroom's admin API as the web app sees it: request and response
 * shapes under /admin/api. The server's TypeBox schemas and the Vite app
 * both follow this file; the OpenAPI document at /admin/api/openapi.json is
 * generated from the schemas. All times are ISO 8601 strings in UTC.
 */

export const ROLES = ['admin', 'editor', 'writer', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/** GET/POST /admin/api/session. Every state-changing request sends csrfToken as `x-csrf-token`. */
export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
  /** True after a one-time password (user add, reset): the app asks the user to choose their own. */
  mustChangePassword: boolean;
  /** The author the user writes as (a new story starts with this byline); null when an admin has not linked one. */
  authorId: number | null;
  /** What the newsroom shows every time in: the site's time zone (IANA name) and the site's name. */
  site: { name: string; timeZone: string };
}
/** POST /admin/api/session body. DELETE /admin/api/session signs out (204). */
export interface SignInInput {
  email: string;
  password: string;
}
/** POST /admin/api/session/password (any signed-in user; 204; other sessions end). */
export interface PasswordChangeInput {
  currentPassword: string;
  /** At least 10 characters. */
  newPassword: string;
}

/** Every error: `{ error: { code, message, hint? } }` with the HTTP status. */
export interface ApiError {
  error: { code: string; message: string; hint?: string; details?: unknown };
}

export type AdminStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'withheld' | 'withdrawn';
export type AdminLabel = 'news' | 'opinion' | 'analysis' | 'sponsored';

export interface AdminCorrection {
  id: number;
  kind: 'correction' | 'update';
  text: string;
  /** When the note was appended. */
  at: string;
  /** When its wording last changed; null when never reworded. */
  editedAt: string | null;
  /** Earlier wordings, oldest first: each with when it was shown from, when it was replaced and by whom. */
  history: Array<{ text: string; shownFrom: string; replacedAt: string; by: string | null }>;
}
/** PATCH /admin/api/articles/:id/corrections/:noteId (editor+): rewords a note; the earlier wording is kept. */
export interface CorrectionEditInput {
  text: string;
}

/**
 * POST /admin/api/articles/:id/preview-links { expiresInHours } (writer+) makes a link anyone can open
 * without signing in, for that story only, until it expires or is revoked
 * (DELETE /admin/api/articles/:id/preview-links/:linkId). The token is shown once.
 */
export interface PreviewLinkInput {
  /** 1 to 720 (30 days); the newsroom offers 24 hours and 7 days. */
  expiresInHours: number;
}
export interface PreviewLink {
  id: number;
  createdAt: string;
  expiresAt: string;
  createdBy: string | null;
}
export interface PreviewLinkCreated extends PreviewLink {
  /** Site-relative address of the shared preview, with its token: only in this answer. */
  path: string;
}
/** GET /admin/api/articles/:id/preview-links: links that still work. */
export interface PreviewLinkList {
  items: PreviewLink[];
}

/** A story as the editor edits it. */
export interface AdminArticle {
  id: number;
  headline: string;
  slug: string;
  summary: string;
  /** Sanitized HTML of the body (the server sanitizes what the editor sends). */
  bodyHtml: string;
  dateline: string | null;
  label: AdminLabel;
  sponsorId: number | null;
  status: AdminStatus;
  sectionId: number;
  /** Byline order. */
  authorIds: number[];
  tags: string[];
  leadMediaId: number | null;
  contributorNote: string | null;
  /** BCP 47 tag when the story is in another language than the site's (a German wire story: de); null: the site's. */
  language: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  /** When a scheduled story goes out. */
  scheduledAt: string | null;
  /** Current public path (also for drafts: where it will live). */
  path: string;
  /** Increases with every save; PATCH sends the revision it was based on. */
  revision: number;
  createdBy: number | null;
  corrections: AdminCorrection[];
  /** Where it came from when it is wire copy held in the queue. */
  wire: { uri: string; version: string; source: string } | null;
}

/** GET /admin/api/articles?status=&section=&author=&label=&q=&cursor=&limit= */
export interface AdminArticleList {
  items: Array<Pick<AdminArticle, 'id' | 'headline' | 'status' | 'label' | 'sectionId' | 'authorIds' | 'publishedAt' | 'scheduledAt' | 'path'> & { modifiedAt: string }>;
  nextCursor: string | null;
}

/** POST /admin/api/articles (a new draft) and PATCH /admin/api/articles/:id (any subset, plus baseRevision). */
export type ArticleDraftInput = Partial<
  Pick<AdminArticle, 'headline' | 'slug' | 'summary' | 'bodyHtml' | 'dateline' | 'label' | 'sponsorId' | 'sectionId' | 'authorIds' | 'tags' | 'leadMediaId' | 'contributorNote' | 'language'>
>;
export type ArticlePatchInput = ArticleDraftInput & {
  /** The revision the editor's copy is based on; a stale one gets 409 with what changed. */
  baseRevision: number;
};

/** 409 body for a stale save: the fields someone else changed since baseRevision, and who. */
export interface StaleSaveError extends ApiError {
  error: ApiError['error'] & {
    code: 'CONFLICT';
    details: { currentRevision: number; changedFields: string[]; changedBy: string | null; article: AdminArticle };
  };
}

/**
 * Workflow: POST /admin/api/articles/:id/submit (writer+), /publish (editor+),
 * /unpublish (editor+), /schedule { at } (editor+), /unschedule (editor+: back to the status it had before), /withdraw (editor+).
 * Corrections: POST /admin/api/articles/:id/corrections { kind, text } (editor+).
 */
export interface ScheduleInput {
  at: string;
}
export interface CorrectionInput {
  kind: 'correction' | 'update';
  text: string;
}

/** GET /admin/api/articles/:id/revisions */
export interface RevisionSummary {
  revision: number;
  at: string;
  by: string | null;
  /** Fields changed from the previous revision. */
  changedFields: string[];
  /** The same in the newsroom's words: "Lead photo added", "Headline changed" ("Story created" for the first). */
  changes: string[];
}

/** GET /admin/api/articles/:id/diff?from=&to= : per field, the two values; bodies also as a word diff. */
export interface RevisionDiff {
  from: number;
  to: number;
  fields: Array<{ field: string; label: string; before: unknown; after: unknown }>;
  /** Word-level diff of the body text: [op, text] with op -1 removed, 0 same, 1 added. */
  bodyDiff: Array<[-1 | 0 | 1, string]>;
}
/** POST /admin/api/articles/:id/revisions/:revision/restore makes a new revision equal to that one. */

/**
 * Locks: POST /admin/api/articles/:id/lock (take or refresh; 423 with the holder when someone else has it),
 * POST /admin/api/articles/:id/lock/take-over (editor+), DELETE /admin/api/articles/:id/lock.
 * GET /admin/api/articles/:id includes the lock in `x-lock-holder`? No: GET /admin/api/articles/:id/lock.
 */
export interface EditLock {
  holder: { id: number; name: string };
  since: string;
  /** The lock lapses when not refreshed by then (the editor refreshes every 30 s). */
  expiresAt: string;
}
/** GET /admin/api/articles/:id/lock: the live lock, or null when nobody has the story open. */
export interface EditLockState {
  lock: EditLock | null;
}

/** GET /admin/api/media?q=&cursor=; POST /admin/api/media (multipart: file + caption, credit, source, alt); PATCH /admin/api/media/:id */
export interface AdminMedia {
  id: number;
  originalName: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  caption: string;
  credit: string;
  source: string;
  alt: string;
  /** The point crops keep in view, 0–1 from the left and from the top (the editor clicks it). */
  focalX: number;
  focalY: number;
  /** A small JPEG rendition for the library grid. */
  thumbnailUrl: string;
  renditions: Array<{ format: string; width: number; height: number; url: string }>;
  createdAt: string;
  /** True when the words are withheld: the picture is used only by stories this user may not open. */
  restricted?: boolean;
  /** On upload: what the file's own IPTC/XMP metadata said (caption, credit, creator, copyright, source, headline, alt). */
  embedded?: { caption: string; headline: string; creator: string; credit: string; copyright: string; source: string; alt: string };
}

/** GET/POST /admin/api/sections, PATCH /admin/api/sections/:id (admin): name, slug, parent, menu order. */
export interface AdminSection {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
  inMenu: boolean;
  path: string;
}

/** GET/POST /admin/api/authors, PATCH /admin/api/authors/:id (editor+). */
export interface AdminAuthor {
  id: number;
  slug: string;
  name: string;
  kind: 'person' | 'organization';
  bio: string;
  pictureId: number | null;
}

/** GET/POST /admin/api/sponsors, PATCH /admin/api/sponsors/:id (admin). */
export interface AdminSponsor {
  id: number;
  slug: string;
  name: string;
  url: string;
  blurb: string;
}

/** GET/POST /admin/api/users, PATCH /admin/api/users/:id, POST /admin/api/users/:id/reset-password (admin). */
export interface AdminUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  /** The author this user writes as (Authors screen); null when not linked. */
  authorId: number | null;
}
/** GET /admin/api/users */
export interface AdminUserList {
  items: AdminUser[];
}
/** POST /admin/api/users (201): without a password, the answer carries a one-time one. */
export interface UserCreateInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
}
export interface UserCreateResponse {
  user: AdminUser;
  temporaryPassword: string | null;
}
/** PATCH /admin/api/users/:id; the last active admin cannot be demoted or disabled (409). */
export type UserPatchInput = Partial<Pick<AdminUser, 'email' | 'name' | 'role' | 'disabled' | 'authorId'>>;
export interface PasswordResetResponse {
  /** Shown once; the user changes it after signing in. */
  temporaryPassword: string;
}

/** GET /admin/api/wire-queue; POST /admin/api/wire-queue/:articleId/publish | /discard (editor+). */
export interface WireQueueItem {
  articleId: number;
  headline: string;
  /** The agency's name ("Pacific Wire Service"), not the file or URL it came in. */
  agency: string;
  /** Where it came in: `push:pws`, `file:/srv/wire/a.json`. */
  source: string;
  uri: string;
  version: string;
  receivedAt: string;
  urgency: number | null;
  /** The story's status: submitted (new copy), draft (an editor took it off), withheld (discarded), withdrawn. */
  status: 'submitted' | 'draft' | 'withheld' | 'withdrawn';
  /** Who the story is credited to. */
  byline: string[];
  dateline: string | null;
  summary: string;
  /** The copy, sanitized on the way in: shown as readers would read it. */
  bodyHtml: string;
  /** False for an item that arrived without a body: it is written in the editor before it can go out. */
  hasBody: boolean;
  /** Whether Publish can put it out as it is. */
  canPublish: boolean;
  reason: string;
}
/** GET /admin/api/wire-queue */
export interface WireQueueList {
  items: WireQueueItem[];
}
/** GET /admin/api/articles/:id/revisions */
export interface RevisionList {
  items: RevisionSummary[];
}
/** GET /admin/api/articles/:id/preview answers text/html: the reader page as it would look if published now. */
