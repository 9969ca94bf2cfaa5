import type { Generated } from 'kysely';
import type { SessionTable, SignInFailureTable, UserTable } from './account-tables.js';
import type { ArticleEntityTable, EntityAliasTable, EntityTable, RelatedOverrideTable, RelatedStoryTable } from './entity-tables.js';
import type { FrontSlotTable } from './front-repo.js';
import type { ImportKeyTable, RedirectTable } from './import-tables.js';
import type { JobTable } from './job-tables.js';
import type { MediaEditTable } from './media-edit-tables.js';
import type { ArticleMediaTable, MediaKeyTable } from './media-use-tables.js';
import type {
  AudienceCountTable,
  AudienceSaltTable,
  AudienceVisitorTable,
  NewsletterDeliveryTable,
  NewsletterEditionTable,
  NewsletterListTable,
  NewsletterSubscriptionTable,
} from './newsletter-tables.js';
import type { ArticleCorrectionEditTable, ArticleCorrectionTable, ArticleLockTable, ArticleRevisionTable, PreviewLinkTable } from './newsroom-tables.js';
import type { SiteSettingTable } from './site-settings-repo.js';
import type { StaticPageTable } from './static-page-repo.js';
import type { WirePollSourceTable, WirePushSourceTable, WireSourceRulesTable } from './wire-source-tables.js';
import type { WireItemTable, WirePictureFetchTable, WireQuarantineTable, WireVersionTable } from './wire-tables.js';

/**
 * The database as Kysely sees it. Times are integers of milliseconds since
 * the Unix epoch in UTC (see docs/decisions/0002-times-as-epoch-milliseconds.md);
 * booleans are 0/1 so both databases read them alike.
 */
export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  position: number;
  in_menu: number;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: 'person' | 'organization';
  bio: string;
  picture_id: number | null;
}

export interface MediaTable {
  id: Generated<number>;
  original_name: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  caption: string;
  credit: string;
  source: string;
  alt: string;
  /** JSON array of renditions; written once when the picture is processed. */
  renditions: string;
  created_at: number;
  /** The uploaded original's key in the media store (never served); null for pictures made before 0013. */
  original_key: string | null;
  /** The point crops keep in view, 0–1 from the left and from the top (0025). */
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  /** JSON array of renditions cut around the focal point (the social image). */
  crops: Generated<string>;
  /** The rights line the agency or the file gave ("© 2010 Getty Images"); empty when none (migration 0030). */
  copyright: Generated<string>;
}

/** Picture bytes when MEDIA_STORE=database (migration 0013), keyed `<sha256>.<ext>`. */
export interface MediaObjectTable {
  key: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: number;
}

export interface SponsorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  url: string;
  blurb: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  path: string;
  section_id: number;
  /** The top-level section above section_id, kept so fronts list a whole tree from one index. */
  root_section_id: number;
  headline: string;
  summary: string;
  body_html: string;
  /**
   * The body as plain text (textOfHtml of body_html), which full-text search
   * indexes. Every writer of body_html sets it too.
   */
  body_text: string;
  dateline: string | null;
  label: string;
  status: string;
  sponsor_id: number | null;
  lead_media_id: number | null;
  contributor_note: string | null;
  published_at: number | null;
  updated_at: number | null;
  created_at: number;
  modified_at: number;
  /** The user who made the story in the newsroom (writers and contributors edit only their own); null for demo and wire copy. */
  created_by: number | null;
  /** Counts saves; a newsroom save names the revision it was based on. */
  revision: Generated<number>;
  /** When a scheduled story goes out. */
  scheduled_at: number | null;
  /** BCP 47 tag of the story's language (migration 0027); null: the site's language. */
  language: string | null;
  /** The status it had before it was scheduled, for Unschedule. */
  scheduled_from: string | null;
  /** A wire story's rights line and holder as the agency's latest version gave them (migration 0030); null for staff copy. */
  copyright_notice: string | null;
  copyright_holder: string | null;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

/** Paths a story answered at before; they redirect to its current path. */
export interface ArticlePathTable {
  path: string;
  article_id: number;
  created_at: number;
}

export interface ArticleEventTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  at: number;
}

/** The change outbox every node follows (migration 0011). */
export interface ChangeTable {
  id: Generated<number>;
  at: number;
  /** Space-separated purge keys. */
  keys: string;
  hard: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** A content API key; only its SHA-256 is stored, never the key. */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface WebhookSubscriberTable {
  id: Generated<number>;
  url: string;
  secret: string;
  /** Comma-wrapped event kinds: `,published,withdrawn,`. */
  events: string;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  start_after_event_id: number;
  created_at: number;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  subscriber_id: number;
  event_id: number;
  event: string;
  article_id: number;
  occurred_at: number;
  article_json: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: number | null;
  /** A node's lease on the delivery while it sends it; expired leases may be claimed again. */
  claimed_until: number | null;
  claimed_by: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_attempt_at: number | null;
}

/** How far the webhook dispatcher has read the article_events outbox. */
export interface WebhookCursorTable {
  name: string;
  last_event_id: number;
}

export interface Database {
  sections: SectionTable;
  authors: AuthorTable;
  media: MediaTable;
  media_objects: MediaObjectTable;
  sponsors: SponsorTable;
  tags: TagTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  article_paths: ArticlePathTable;
  article_events: ArticleEventTable;
  changes: ChangeTable;
  webhook_subscribers: WebhookSubscriberTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_cursor: WebhookCursorTable;
  meta: MetaTable;
  api_keys: ApiKeyTable;
  wire_items: WireItemTable;
  wire_versions: WireVersionTable;
  wire_quarantine: WireQuarantineTable;
  wire_picture_fetches: WirePictureFetchTable;
  wire_push_sources: WirePushSourceTable;
  wire_poll_sources: WirePollSourceTable;
  wire_source_rules: WireSourceRulesTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  media_edits: MediaEditTable;
  media_keys: MediaKeyTable;
  article_media: ArticleMediaTable;
  article_revisions: ArticleRevisionTable;
  article_locks: ArticleLockTable;
  article_corrections: ArticleCorrectionTable;
  article_correction_edits: ArticleCorrectionEditTable;
  preview_links: PreviewLinkTable;
  jobs: JobTable;
  import_keys: ImportKeyTable;
  redirects: RedirectTable;
  static_pages: StaticPageTable;
  front_slots: FrontSlotTable;
  site_settings: SiteSettingTable;
  newsletter_lists: NewsletterListTable;
  newsletter_subscriptions: NewsletterSubscriptionTable;
  newsletter_editions: NewsletterEditionTable;
  newsletter_deliveries: NewsletterDeliveryTable;
  audience_salts: AudienceSaltTable;
  audience_visitors: AudienceVisitorTable;
  audience_counts: AudienceCountTable;
  entities: EntityTable;
  entity_aliases: EntityAliasTable;
  article_entities: ArticleEntityTable;
  related_stories: RelatedStoryTable;
  related_overrides: RelatedOverrideTable;
}
