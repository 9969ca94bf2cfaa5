import type { ArticleStatus } from '../../domain/article.js';
import type { ArticleEvent } from '../../domain/article-event.js';
import { storyLanguage } from '../../domain/site-settings.js';
import type { WireItem, WirePicture } from '../../domain/wire-item.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { Store, Tx, WireArticleState, WireItemRow, WireState } from '../../store/index.js';
import { pictureWords } from '../picture-words.js';
import type { WireSourceRules } from '../wire-source-rules.js';
import { compareVersions, versionNumber } from './compare-versions.js';
import type { IngestBatch } from './ingest-batch.js';
import type { ItemOutcome, ItemResult } from './ingest-report.js';
import type { SectionIndex } from './section-index.js';
import { type Credit, creditsOf } from './story-credits.js';
import { type StoryFields, storyFields, WireItemProblem } from './story-fields.js';

/** Where items come from: the CLI's files, the HTTP push, the inbox folder, a poller. */
export interface IngestSource {
  kind: 'file' | 'http' | 'inbox' | 'poll';
  /** File path or URL, as shown in reports and the quarantine. */
  name: string;
  /** Folder that relative picture paths are read from. */
  dir?: string;
}

/** Everything one item's write needs, fixed for a batch. */
export interface ApplyContext {
  store: Store;
  rules: WireSourceRules;
  sections: SectionIndex;
  now: Date;
  /** `--publish`: publish whatever the hold rules say. */
  publish: boolean;
  sectionSlug?: string | undefined;
}

export interface ItemEntry {
  item: WireItem;
  /** The item as it arrived, kept with its version. */
  raw: string;
  source: IngestSource;
}


export interface Applied {
  result: ItemResult;
  /** Story events written in the transaction, to announce after commit. */
  events: ArticleEvent[];
  /** Picture fetches queued in the transaction, to run after commit. */
  pictureFetchIds: number[];
}

const NOT_TAKEN: Partial<Record<WireItem['type'], string>> = {
  video: 'video items are not published: Dateline takes text stories and pictures',
  audio: 'audio items are not published: Dateline takes text stories and pictures',
  event: 'event items are not published: Dateline takes text stories and pictures',
  planning: 'planning items are not published: Dateline takes text stories and pictures',
  concept: 'concept items are not published: Dateline takes text stories and pictures',
  composite: 'packages are not published as such: their text and picture items are taken one by one',
  other: 'this kind of item is not published: Dateline takes text stories and pictures',
};

/**
 * Applies one item version inside the caller's transaction: the story, the
 * wire item row and the version row change together or not at all. A
 * version already stored changes nothing; an older one is only kept in the
 * history. `batch` holds what the transaction already read and what it
 * writes at its end (see ingest-batch.ts).
 */
export async function applyItem(trx: Tx, ctx: ApplyContext, entry: ItemEntry, batch: IngestBatch): Promise<Applied> {
  const { item, source } = entry;
  const wire = ctx.store.wire;
  const base: ItemResult = { outcome: 'unchanged', file: source.name, uri: item.uri, version: item.version };
  const existing = batch.items.get(item.uri);

  if (existing && batch.versions.get(existing.id)?.has(item.version)) {
    return done({ ...base, ...(existing.article_id !== null && { articleId: existing.article_id }) });
  }
  const created = item.versionCreated?.getTime() ?? null;
  if (existing && compareVersions({ version: item.version, created }, { version: existing.version, created: existing.version_created }) <= 0) {
    addVersion(ctx, batch, existing.id, entry, 'stale');
    return done({ ...base, outcome: 'stale', reason: `version ${existing.version} is already newer` });
  }

  if (item.type !== 'text') {
    const picture = item.type === 'picture' || item.type === 'graphic';
    const reason = picture ? undefined : (NOT_TAKEN[item.type] ?? NOT_TAKEN.other);
    const id = await saveItem(trx, ctx, batch, existing, entry, picture ? 'live' : 'skipped', existing?.article_id ?? null);
    addVersion(ctx, batch, id, entry, picture ? 'picture' : 'skipped');
    const first = item.pictures[0];
    const fetches = picture && first && existing?.media_id == null ? [await queuePicture(trx, ctx, id, null, first, source)] : [];
    // The agency's update refreshes the rights line of the picture it already gave; pages showing it follow (outbox).
    if (picture && first && existing?.media_id != null && (await ctx.store.media.setCopyright(existing.media_id, first.copyright ?? '', trx))) {
      await ctx.store.outbox.record(trx, await ctx.store.outbox.catalogPurge(trx, { kind: 'media', id: existing.media_id }), ctx.now);
    }
    return done({ ...base, outcome: picture ? 'picture' : 'skipped', ...(reason && { reason }) }, [], fetches);
  }

  const article = existing?.article_id != null ? await wire.article(trx, existing.article_id) : undefined;
  if (article?.status === 'withdrawn') {
    const row = existing as WireItemRow;
    if (row.state === 'killed') {
      // A kill is final (IPTC: "must not be used"); later versions are history only.
      addVersion(ctx, batch, row.id, entry, 'after-kill');
      return done({ ...base, outcome: 'unchanged', articleId: article.id, reason: 'the story was killed; later versions are kept but not published' });
    }
    // An editor withdrew it: the agency's word does not bring it back. The version waits on the desk.
    const note = `An editor withdrew this story; the agency's version ${item.version} is kept here and was not published.`;
    await saveItem(trx, ctx, batch, row, entry, 'held', article.id, note);
    addVersion(ctx, batch, row.id, entry, 'held');
    return done({ ...base, outcome: 'held', articleId: article.id, path: article.path, reason: note });
  }

  if (item.pubStatus !== 'usable') {
    const killed = item.pubStatus === 'canceled';
    const status: ArticleStatus = killed ? 'withdrawn' : 'withheld';
    const events: ArticleEvent[] = [];
    if (article && article.status !== status) {
      const written = await ctx.store.articleWriter.update(article.id, { status }, ctx.now, { trx, batch: batch.writes });
      if (written.recorded) events.push(written.recorded);
    }
    const id = await saveItem(trx, ctx, batch, existing, entry, killed ? 'killed' : 'withheld', article?.id ?? null);
    const outcome: ItemOutcome = killed ? 'withdrawn' : 'withheld';
    addVersion(ctx, batch, id, entry, outcome);
    return done({ ...base, outcome, ...(article && { articleId: article.id, path: article.path }) }, events);
  }

  let fields: StoryFields;
  try {
    fields = storyFields(item, ctx.rules, ctx.sections, { sectionSlug: ctx.sectionSlug });
  } catch (error) {
    if (!(error instanceof WireItemProblem)) throw error;
    const quarantineId = await wire.quarantine(
      { source: source.kind, fileName: source.name, uri: item.uri, reason: error.message, pointer: error.pointer, raw: new TextEncoder().encode(entry.raw) },
      ctx.now,
      trx,
    );
    return done({ ...base, outcome: 'quarantined', reason: error.message, pointer: error.pointer, quarantineId });
  }

  // An editor took the story off the site: the update is applied to it there and waits for an editor to publish.
  const unpublishedByEditor = article?.status === 'draft' || (article?.status === 'withheld' && existing?.state === 'skipped');
  const plan: StoryPlan = unpublishedByEditor
    ? { state: 'held', status: article.status as ArticleStatus, publishedAt: article.publishedAt === null ? null : new Date(article.publishedAt), updatedAt: null, wasPublic: false }
    : planStory(ctx, item, article);
  const deskNote = unpublishedByEditor
    ? `An editor took this story off the site; the agency's version ${item.version} is applied to it and waits here until an editor publishes it.`
    : null;
  const credits = creditsOf(item, ctx.rules.agency);
  const authorIds = await authorsOf(trx, ctx, batch, credits);
  const story = {
    headline: fields.headline,
    summary: fields.summary,
    bodyHtml: fields.bodyHtml,
    dateline: fields.dateline,
    // The agency's language tag: a German story's page says lang="de".
    language: storyLanguage(item.language),
    // Each version says the rights anew: an update refreshes them, one without a notice clears it.
    copyrightNotice: item.copyrightNotice ?? null,
    copyrightHolder: item.copyrightHolder ?? null,
    status: plan.status,
    tagNames: fields.tagNames,
  };
  let articleId: number;
  let path: string;
  const events: ArticleEvent[] = [];
  if (!article) {
    const written = await ctx.store.articleWriter.create(
      { ...story, label: 'news', sectionId: fields.section.id, authorIds, publishedAt: plan.publishedAt },
      ctx.now,
      { trx, batch: batch.writes },
    );
    articleId = written.id;
    path = written.path;
    if (written.event) events.push(written.event);
  } else {
    const before = await ctx.store.wire.snapshot(trx, article.id);
    const written = await ctx.store.articleWriter.update(
      article.id,
      { ...story, authorIds, publishedAt: plan.publishedAt, ...(plan.updatedAt && { updatedAt: plan.updatedAt }) },
      ctx.now,
      { trx, batch: batch.writes, corrected: plan.wasPublic && item.signals.includes('correction') },
    );
    articleId = article.id;
    path = written.path;
    if (written.recorded) events.push(written.recorded);
    // The agency's update is the story's next revision: an editor saving from an older one is told what changed.
    await ctx.store.wire.agencyRevision(trx, article.id, before, agencyLabel(item, ctx), ctx.now);
  }
  const scheduledAt = plan.state === 'embargoed' ? (plan.publishedAt?.getTime() ?? null) : null;
  // A new story starts with none.
  if (article || scheduledAt !== null) {
    await ctx.store.schedule.set(trx, articleId, scheduledAt === null ? null : new Date(scheduledAt));
  }
  if (scheduledAt !== null) {
    // Released at the embargo by its publish job (the scheduler's sweep is the safety net).
    const payload = { articleId };
    await ctx.store.jobs.enqueue(trx, { kind: JOB_KINDS.articlePublish, payload, runAt: new Date(scheduledAt), key: String(articleId), replace: true }, ctx.now);
  }
  const id = await saveItem(trx, ctx, batch, existing, entry, plan.state, articleId, deskNote);
  const outcome: ItemOutcome = plan.state === 'held' ? 'held' : plan.state === 'embargoed' ? 'embargoed' : article ? 'updated' : 'new';
  addVersion(ctx, batch, id, entry, outcome);
  const lead = item.pictures[0];
  // An update brings a picture to a story that has none yet and is not waiting for one, and replaces the
  // agency's own picture when it sends another; a picture an editor chose stays.
  const needsPicture =
    lead &&
    (!article ||
      (article.leadMediaId === null ? !(await wire.hasPendingPicture(trx, article.id)) : !(await refreshAgencyPicture(trx, ctx, article.id, article.leadMediaId, lead))));
  const fetches = needsPicture ? [await queuePicture(trx, ctx, id, articleId, lead, source)] : [];
  return done({ ...base, outcome, articleId, path, ...(deskNote && { reason: deskNote }) }, events, fetches);
}

/** Bylines found or made once per transaction: a batch of one agency's items names the same few people. */
async function authorsOf(trx: Tx, ctx: ApplyContext, batch: IngestBatch, credits: Credit[]): Promise<number[]> {
  const key = credits.map((c) => `${c.kind}:${c.name.toLowerCase()}`).join('|');
  const known = batch.authors.get(key);
  if (known) return known;
  const ids = await ctx.store.wire.creditedAuthors(
    trx,
    credits.map((c) => ({
      name: c.name,
      kind: c.kind,
      bio: c.kind === 'organization' ? `Stories from ${c.name}.` : c.affiliation ? `Writes for ${c.affiliation}.` : `Credited in wire copy.`,
    })),
  );
  batch.authors.set(key, ids);
  return ids;
}

/** The agency that sent the item: its provider or copyright holder as the site names them, else the rules' agency. */
function agencyName(item: WireItem, ctx: ApplyContext): string {
  return creditsOf({ byline: null, copyrightHolder: item.copyrightHolder ?? null, provider: item.provider ?? null }, ctx.rules.agency)[0]?.name ?? ctx.rules.agency;
}

/** Who the history says made an agency's version: "Pacific Wire Service (agency)". */
function agencyLabel(item: WireItem, ctx: ApplyContext): string {
  return `${agencyName(item, ctx)} (agency)`;
}

interface StoryPlan {
  state: WireState;
  status: ArticleStatus;
  publishedAt: Date | null;
  updatedAt: Date | null;
  /** Whether readers could see the story before this version. */
  wasPublic: boolean;
}

/** Decides, for a usable text version, the story's status and times. */
function planStory(ctx: ApplyContext, item: WireItem, article: WireArticleState | undefined): StoryPlan {
  const now = ctx.now.getTime();
  const wasPublic = article?.status === 'published' && article.publishedAt !== null && article.publishedAt <= now;
  const everPublic = article?.publishedAt != null && article.publishedAt <= now && article.status !== 'submitted';
  const embargo = item.embargoedUntil && item.embargoedUntil.getTime() > now && !everPublic ? item.embargoedUntil : null;
  const rules = ctx.rules;
  const urgent = rules.urgencyHoldAbove === undefined || item.urgency === null || item.urgency <= rules.urgencyHoldAbove;
  const wantsHold = rules.publish === 'hold' || !urgent;
  // Once an editor (or an earlier version) released a story, later versions follow it out.
  const hold = !ctx.publish && wantsHold && !everPublic && article?.status !== 'published';
  const versionTime = item.versionCreated && item.versionCreated.getTime() <= now ? item.versionCreated : ctx.now;
  const firstTime = item.firstCreated && item.firstCreated.getTime() <= now ? item.firstCreated : ctx.now;
  if (hold) {
    return { state: 'held', status: 'submitted', publishedAt: null, updatedAt: null, wasPublic };
  }
  if (embargo) {
    // Scheduled, not published-in-the-future: the scheduler releases it at the embargo time, so the
    // 'published' event (webhooks) fires then and not while the embargo holds.
    return { state: 'embargoed', status: 'scheduled', publishedAt: embargo, updatedAt: null, wasPublic };
  }
  return {
    state: 'live',
    status: 'published',
    publishedAt: everPublic && article?.publishedAt != null ? new Date(article.publishedAt) : firstTime,
    // "Updated" is for readers who may have seen an earlier version.
    updatedAt: everPublic ? versionTime : null,
    wasPublic,
  };
}

async function saveItem(
  trx: Tx,
  ctx: ApplyContext,
  batch: IngestBatch,
  existing: WireItemRow | undefined,
  entry: ItemEntry,
  state: WireState,
  articleId: number | null,
  deskNote: string | null = null,
): Promise<number> {
  const { item } = entry;
  const fields = {
    article_id: articleId,
    desk_note: deskNote,
    agency: agencyName(item, ctx),
    type: item.type,
    version: item.version,
    version_number: versionNumber(item.version),
    version_created: item.versionCreated?.getTime() ?? null,
    pub_status: item.pubStatus,
    state,
    source: `${entry.source.kind}:${entry.source.name}`,
    updated_at: ctx.now.getTime(),
  };
  if (existing) {
    await ctx.store.wire.updateItem(trx, existing.id, fields);
    batch.items.set(item.uri, { ...existing, ...fields });
    return existing.id;
  }
  const row = { ...fields, uri: item.uri, media_id: null, first_seen_at: ctx.now.getTime() };
  const id = await ctx.store.wire.insertItem(trx, row);
  batch.items.set(item.uri, { id, ...row });
  return id;
}

/** Keeps the version for the batch's end; a later item of the same batch already sees it. */
function addVersion(ctx: ApplyContext, batch: IngestBatch, wireItemId: number, entry: ItemEntry, outcome: string): void {
  const { item } = entry;
  let versions = batch.versions.get(wireItemId);
  if (!versions) {
    versions = new Set();
    batch.versions.set(wireItemId, versions);
  }
  versions.add(item.version);
  batch.pendingVersions.push({
    wire_item_id: wireItemId,
    version: item.version,
    version_created: item.versionCreated?.getTime() ?? null,
    pub_status: item.pubStatus,
    received_at: ctx.now.getTime(),
    source: `${entry.source.kind}:${entry.source.name}`,
    outcome,
    item_json: JSON.stringify(item),
    raw: entry.raw,
  });
}

/** How long a new picture fetch's job waits for the try ingest makes at once (the picture desk's claim). */
const PICTURE_JOB_DELAY_MS = 5 * 60_000;

/**
 * For an update whose story shows a lead picture: when that picture is the
 * one the agency sent and the update sends it again, takes the update's
 * caption, credit and rights line for it (the words someone in the newsroom
 * changed stay). Whether the story needs nothing more: false only when the
 * agency's own picture is there and the update sends a different one.
 */
async function refreshAgencyPicture(trx: Tx, ctx: ApplyContext, articleId: number, leadMediaId: number, lead: WirePicture): Promise<boolean> {
  const sent = await ctx.store.wire.leadPictureFetch(trx, articleId, leadMediaId);
  if (!sent) return true;
  if (sent.url !== (bestRendition(lead)?.href ?? '')) return false;
  await ctx.store.media.refreshFromAgency(trx, leadMediaId, pictureWords(lead));
  return true;
}

async function queuePicture(
  trx: Tx,
  ctx: ApplyContext,
  wireItemId: number,
  articleId: number | null,
  picture: WirePicture,
  source: IngestSource,
): Promise<number> {
  const url = bestRendition(picture)?.href ?? '';
  const fetchId = await ctx.store.wire.queuePicture(
    trx,
    { wireItemId, articleId, url, baseDir: source.dir ?? null, pictureJson: JSON.stringify(picture) },
    ctx.now,
  );
  // The fetch's job commits with it. Ingest tries the picture itself right after the commit, so the
  // job waits out that try; it is what fetches the picture if this process dies first.
  const payload = { fetchId };
  await ctx.store.jobs.enqueue(trx, { kind: JOB_KINDS.wirePicture, payload, runAt: new Date(ctx.now.getTime() + PICTURE_JOB_DELAY_MS), key: String(fetchId) }, ctx.now);
  return fetchId;
}

/** The largest rendition: renditions are made from it, never upscaled. */
export function bestRendition(picture: WirePicture): WirePicture['renditions'][number] | undefined {
  return [...picture.renditions].sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0];
}

function done(result: ItemResult, events: ArticleEvent[] = [], pictureFetchIds: number[] = []): Applied {
  return { result, events, pictureFetchIds };
}
