import type { MediaStore } from '../domain/media-store.js';
import { ApiKeyRepo } from './api-key-repo.js';
import { ArticleReader } from './article-reader.js';
import { ArticleRevisionRepo } from './article-revision-repo.js';
import { ArticleWriter } from './article-writer.js';
import { AudienceRepo } from './audience-repo.js';
import { AuthorRepo } from './author-repo.js';
import { CatalogReader } from './catalog-reader.js';
import { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { DatabaseMediaStore } from './database-media-store.js';
import { EntityRepo } from './entity-repo.js';
import type { Tx } from './executor.js';
import { FeedReader } from './feed-reader.js';
import { FrontRepo } from './front-repo.js';
import { ImportKeyRepo } from './import-key-repo.js';
import { JobRepo } from './job-repo.js';
import { MediaObjectRepo } from './media-object-repo.js';
import { MediaRepo } from './media-repo.js';
import { MetaRepo } from './meta-repo.js';
import { NewsletterRepo } from './newsletter-repo.js';
import { OutboxRepo } from './outbox-repo.js';
import { RedirectRepo } from './redirect-repo.js';
import { RelatedRepo } from './related-repo.js';
import { ScheduleRepo } from './schedule-repo.js';
import { SearchRepo } from './search-repo.js';
import { SectionRepo } from './section-repo.js';
import { SiteSettingsRepo } from './site-settings-repo.js';
import { SitemapReader } from './sitemap-reader.js';
import { SponsorRepo } from './sponsor-repo.js';
import { StaticPageRepo } from './static-page-repo.js';
import { TagRepo } from './tag-repo.js';
import { WebhookRepo } from './webhook-repo.js';
import { WirePollRepo } from './wire-poll-repo.js';
import { WirePushRepo } from './wire-push-repo.js';
import { WireRepo } from './wire-repo.js';

export type { RevokeResult } from './api-key-repo.js';
export { type ArticleLock, ArticleLockRepo, type TakeOutcome } from './article-lock-repo.js';
export type { ListPage, ListQuery, ListScope, PathLookup, TeaserReadOptions } from './article-reader.js';
export type { ArticleRevision, ArticleRevisionEntry, NewArticleRevision } from './article-revision-repo.js';
export type { ArticleInput, ArticlePatch } from './article-writer.js';
export { type AudienceDim, type AudienceRepo, type CountedView, type CountRow, GRAIN_MS, type Grain, type SeriesPoint, utcDay } from './audience-repo.js';
export type { AuthorRow } from './author-repo.js';
export type { CatalogPage } from './catalog-reader.js';
export type { Change, FeedHealth } from './change-feed.js';
export { deleteAllContent } from './content-reset.js';
export { type Db, openDatabase, redactUrl, UNICODE_LOWER } from './database.js';
export { type ArticleRow, type DeskFilter, type DeskPage, DeskStoryRepo, type StoryNotes } from './desk-story-repo.js';
export type { Dialect } from './dialect.js';
export type { EntityListItem, Mention, MentionChange, StoryEntity } from './entity-repo.js';
export type { Executor, Tx } from './executor.js';
export type { FeedArticle } from './feed-reader.js';
export type { FrontRepo, PinInput, PinRecord } from './front-repo.js';
export { type ClaimedJob, type EnqueueInput, JOBS_CHANNEL, type JobExecutor, type JobRepo, type RetryOutcome } from './job-repo.js';
export type { MediaEdit, MediaRow, StoryShowing } from './media-repo.js';
export { migrate } from './migrate.js';
export type { ConfirmOutcome, DeliveryRow, EditionInput, ImportResult, ImportRow, ListInput, NewsletterRepo, SubscribeOutcome } from './newsletter-repo.js';
export { type NewSessionRow, NewsroomSessionRepo, type SessionWithUser } from './newsroom-session-repo.js';
export { NewsroomUserRepo, type NewUserRow, type UserRow, type UserRowChange } from './newsroom-user-repo.js';
export { CHANGE_CHANNEL, type OutboxEntry, type OutboxRepo } from './outbox-repo.js';
export { type LivePreviewLink, PreviewLinkRepo } from './preview-link-repo.js';
export type { RelatedOverride, RelatedSubject } from './related-repo.js';
export type { DueStory } from './schedule-repo.js';
export { SEARCH_CANDIDATES, type SearchHit, type SearchQuery, type SearchResult } from './search-repo.js';
export { SignInFailureRepo } from './sign-in-failure-repo.js';
export type { MonthCount, NewsEntry, SitemapEntry } from './sitemap-reader.js';
export type { SponsorRow } from './sponsor-repo.js';
export { SyntheticStoryRepo, type SyntheticStoryRow } from './synthetic-story-repo.js';
export type { DeliveryLogEntry, WebhookRepo } from './webhook-repo.js';
export type { PollOutcome, WirePollRepo, WirePollSource } from './wire-poll-repo.js';
export type { PushRevokeResult, WirePushRepo, WirePushSource } from './wire-push-repo.js';
export { type QueuedWireRow, WireQueueRepo } from './wire-queue-repo.js';
export type { WireArticleState, WireItemRow, WirePictureFetchRow, WireQuarantineRow, WireRepo, WireState, WireVersionRow } from './wire-repo.js';

/** Every repository over one database. */
export interface Store {
  db: Db;
  sections: SectionRepo;
  media: MediaRepo;
  /** Where picture bytes live (MEDIA_STORE): files, the database or S3; openStore picks it from the configuration. */
  mediaStore: MediaStore;
  authors: AuthorRepo;
  sponsors: SponsorRepo;
  tags: TagRepo;
  articles: ArticleReader;
  articleWriter: ArticleWriter;
  /** Every saved state of every story: the newsroom's history, diffs and restores. */
  revisions: ArticleRevisionRepo;
  /** When scheduled stories go out, and which are due. */
  schedule: ScheduleRepo;
  /** Whole stories for feeds, a list at a time. */
  feeds: FeedReader;
  /** What sitemaps list. */
  sitemaps: SitemapReader;
  meta: MetaRepo;
  /** Content API keys (hashed). */
  apiKeys: ApiKeyRepo;
  /** Authors and tags page by page, for the content API. */
  catalog: CatalogReader;
  /** Full-text search over the stories readers may see. */
  search: SearchRepo;
  /** Webhook subscribers, deliveries and their attempts. */
  webhooks: WebhookRepo;
  /** The wire desk's items, versions, quarantine and picture retries. */
  wire: WireRepo;
  /** Agencies that push over HTTP, with their hashed tokens. */
  wirePush: WirePushRepo;
  /** Feed URLs the server polls. */
  wirePoll: WirePollRepo;
  /** The change outbox: what each committed change makes stale. */
  outbox: OutboxRepo;
  /** Content changes, from this process at once and from every other process through the outbox. */
  changes: ChangeFeed;
  /** The durable job queue (src/jobs/ runs it). */
  jobs: JobRepo;
  /** Newsletter lists, subscriptions, editions and deliveries. */
  newsletters: NewsletterRepo;
  /** Cookieless audience counts. */
  audience: AudienceRepo;
  /** What `dateline import` took from other systems, by their keys. */
  importKeys: ImportKeyRepo;
  /** Old addresses (of a site the newsroom came from) that answer 301. */
  redirects: RedirectRepo;
  /** About, Contact, policies: pages outside the news flow. */
  staticPages: StaticPageRepo;
  /** People, organizations and places, and which stories name them (issue 14). */
  entities: EntityRepo;
  /** Stored related stories and editors' pins and removals (issue 14). */
  related: RelatedRepo;
  /** Pins of the fronts the desk curates (home, sections). */
  fronts: FrontRepo;
  /** Name, logo, colour, footer links: what the Settings screen saves (migration 0027), held in memory per process. */
  siteSettings: SiteSettingsRepo;
  /** Runs `work` in one transaction: the repository calls it makes with `tx` commit together, or none does. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Whether the database answers, for /healthz. */
  ping(): Promise<boolean>;
}

/** @param options.mediaStore where picture bytes go; without one, the database's own `media_objects` table. */
export function createStore(db: Db, options: { mediaStore?: MediaStore } = {}): Store {
  const jobs = new JobRepo(db);
  // Every change queues the cache tier's purge in its own transaction when a tier is in front.
  const outbox = new OutboxRepo(db, jobs);
  const changes = new ChangeFeed(db, outbox);
  const sections = new SectionRepo(db, changes, outbox);
  const media = new MediaRepo(db);
  const authors = new AuthorRepo(db, media);
  const sponsors = new SponsorRepo(db);
  const tags = new TagRepo(db);
  const articles = new ArticleReader(db, sections, authors, media, sponsors, tags, changes);
  return {
    db,
    sections,
    media,
    mediaStore: options.mediaStore ?? new DatabaseMediaStore(new MediaObjectRepo(db)),
    authors,
    sponsors,
    tags,
    articles,
    articleWriter: new ArticleWriter(db, sections, changes, outbox),
    revisions: new ArticleRevisionRepo(db),
    schedule: new ScheduleRepo(db),
    feeds: new FeedReader(db, sections, authors, media, sponsors),
    sitemaps: new SitemapReader(db),
    outbox,
    changes,
    meta: new MetaRepo(db),
    webhooks: new WebhookRepo(db),
    wire: new WireRepo(db),
    wirePush: new WirePushRepo(db),
    wirePoll: new WirePollRepo(db),
    jobs,
    newsletters: new NewsletterRepo(db, changes, outbox),
    audience: new AudienceRepo(db),
    apiKeys: new ApiKeyRepo(db),
    catalog: new CatalogReader(db, media),
    search: new SearchRepo(db, sections, articles),
    importKeys: new ImportKeyRepo(db),
    redirects: new RedirectRepo(db),
    staticPages: new StaticPageRepo(db, changes, outbox),
    entities: new EntityRepo(db),
    related: new RelatedRepo(db, articles),
    fronts: new FrontRepo(db, articles, media),
    siteSettings: new SiteSettingsRepo(db, changes, outbox),
    transaction: (work) => db.kysely.transaction().execute(work),
    async ping() {
      try {
        await db.kysely.selectFrom('meta').select('key').limit(1).execute();
        return true;
      } catch {
        return false;
      }
    },
  };
}
