import { DatelineError } from '../../domain/errors.js';
import { slugify } from '../../domain/slug.js';
import type { ArticlePatch, Store } from '../../store/index.js';
import type { AdminArticle, AdminArticleList, AdminStatus, ArticleDraftInput, EditLock, SessionUser } from '../admin-api-contract.js';
import { checkWhole, normalizeInput } from './article-input.js';
import { type ArticleSnapshot, changedFields, SNAPSHOT_FIELDS } from './article-snapshot.js';
import { checkByline, ownAuthor } from './byline-rules.js';
import { type ArticleRow, type DeskQuery, DeskRepo } from './desk-repo.js';
import { EditLockRepo } from './edit-lock-repo.js';
import { RevisionRepo } from './revision-repo.js';
import { checkEdit, checkSee, type StoryFacts, seesEveryStory } from './story-access.js';
import { lockedError, staleSaveError } from './story-errors.js';
import { checkReferences } from './story-references.js';

export const facts = (row: ArticleRow): StoryFacts => ({ id: row.id, status: row.status as AdminStatus, createdBy: row.created_by });

/** Snapshot fields → the article writer's patch (tags are its tagNames). */
export function writerPatch(fields: Partial<ArticleSnapshot>): ArticlePatch {
  const { tags, ...rest } = fields;
  return { ...rest, ...(tags !== undefined && { tagNames: tags }) };
}

type SaveOutcome =
  | { kind: 'saved'; events: Awaited<ReturnType<Store['articleWriter']['update']>>['recorded'][] }
  | { kind: 'unchanged' }
  | { kind: 'locked'; lock: EditLock }
  | { kind: 'stale'; currentRevision: number; changedFields: string[]; changedBy: string | null };

/**
 * Stories as the newsroom writes them: drafts made, saves that each become
 * a revision, saves on a stale revision refused, and who may do what.
 */
export class StoryDesk {
  readonly desk: DeskRepo;
  readonly revisions: RevisionRepo;
  readonly locks: EditLockRepo;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {
    this.desk = new DeskRepo(store.db);
    this.revisions = new RevisionRepo(store);
    this.locks = new EditLockRepo(store.db);
  }

  /** The story if the user may open it; NOT_FOUND otherwise. */
  async get(user: SessionUser, id: number): Promise<AdminArticle> {
    const article = await this.desk.article(id);
    checkSee(user, article, id);
    return article as AdminArticle;
  }

  list(user: SessionUser, query: DeskQuery): Promise<AdminArticleList> {
    return this.desk.list(seesEveryStory(user.role) ? query : { ...query, createdBy: user.id });
  }

  /** A new draft owned by the user, signed with their own byline unless the input names one; revision 1. */
  async create(user: SessionUser, input: ArticleDraftInput): Promise<AdminArticle> {
    const now = this.clock();
    const fields = normalizeInput(input);
    if (fields.authorIds === undefined) {
      const own = await ownAuthor(this.desk.stories, user.id);
      if (own !== null) fields.authorIds = [own];
    }
    const sections = await this.store.sections.all();
    const sectionId = fields.sectionId ?? sections.find((s) => s.parentId === null)?.id;
    if (sectionId === undefined) {
      throw new DatelineError('BAD_INPUT', 'The site has no sections yet, so a story has nowhere to go.', {
        hint: 'An admin creates a section first (Sections in the newsroom).',
      });
    }
    const headline = fields.headline ?? 'Untitled story';
    const story: ArticleSnapshot = {
      headline,
      slug: slugify(headline) || 'story',
      summary: '',
      bodyHtml: '',
      dateline: null,
      label: 'news',
      sponsorId: null,
      authorIds: [],
      tags: [],
      leadMediaId: null,
      contributorNote: null,
      language: null,
      ...fields,
      sectionId,
    };
    checkWhole(story);
    await checkReferences(this.desk.stories, fields);
    await checkByline(this.desk.stories, user, [], story.authorIds);
    await this.store.sections.byId();
    const id = await this.store.transaction(async (trx) => {
      const written = await this.store.articleWriter.create({ ...writerPatch(story), headline, bodyHtml: story.bodyHtml, label: story.label, sectionId, authorIds: story.authorIds, status: 'draft' }, now, { trx });
      await this.desk.stories.markCreated(trx, written.id, user.id);
      const row = (await this.desk.row(trx, written.id)) as ArticleRow;
      const snapshot = await this.desk.snapshot(trx, row);
      await this.revisions.insert(trx, { articleId: written.id, revision: 1, snapshot, changedFields: [...SNAPSHOT_FIELDS], userId: user.id, userName: user.name, at: now });
      return written.id;
    });
    return (await this.desk.article(id)) as AdminArticle;
  }

  /**
   * Saves changes made on top of `baseRevision`. When someone saved since,
   * nothing is written and the answer says what they changed (409); when
   * someone else holds the edit lock, 423. A save that changes nothing
   * makes no revision.
   */
  async save(user: SessionUser, id: number, input: ArticleDraftInput, baseRevision: number): Promise<AdminArticle> {
    const now = this.clock();
    const fields = normalizeInput(input);
    await checkReferences(this.desk.stories, fields);
    // Warm the section cache: on SQLite the transaction holds the only connection, so the writer must not query outside it.
    await this.store.sections.byId();
    const outcome = await this.store.transaction(async (trx): Promise<SaveOutcome> => {
      const row = await this.desk.row(trx, id);
      checkEdit(user, row && facts(row), id);
      const current = row as ArticleRow;
      const lock = await this.locks.current(id, now, trx);
      if (lock && lock.holder.id !== user.id) return { kind: 'locked', lock };
      const before = await this.desk.snapshot(trx, current);
      if (current.revision !== baseRevision) {
        const base = await this.revisions.get(id, baseRevision, trx);
        const by = await this.revisions.savedSince(trx, id, baseRevision);
        return { kind: 'stale', currentRevision: current.revision, changedFields: base ? changedFields(base.snapshot, before) : [...SNAPSHOT_FIELDS], changedBy: by.join(', ') || null };
      }
      const wanted = { ...fields };
      // Until a story first goes out, its address follows its headline.
      if (wanted.headline !== undefined && wanted.slug === undefined && current.published_at === null && wanted.headline !== before.headline) {
        const slug = slugify(wanted.headline);
        if (slug && slug !== before.slug) wanted.slug = slug;
      }
      checkWhole({ ...before, ...wanted });
      if (wanted.authorIds !== undefined) await checkByline(this.desk.stories, user, before.authorIds, wanted.authorIds, trx);
      if (changedFields(before, { ...before, ...wanted }).length === 0) return { kind: 'unchanged' };
      // Bump first: the conditional update takes the row lock, so of two racing saves on one revision only one proceeds.
      if (!(await this.desk.stories.bumpRevision(trx, id, baseRevision))) {
        return { kind: 'stale', currentRevision: baseRevision + 1, changedFields: [...SNAPSHOT_FIELDS], changedBy: null };
      }
      const written = await this.store.articleWriter.update(id, writerPatch(wanted), now, { trx });
      const after = await this.desk.snapshot(trx, (await this.desk.row(trx, id)) as ArticleRow);
      if (!(await this.revisions.exists(trx, id))) {
        // A story made before the newsroom (demo, wire copy) gets its first state kept, so the change can be undone.
        await this.revisions.insert(trx, { articleId: id, revision: baseRevision, snapshot: before, changedFields: [...SNAPSHOT_FIELDS], userId: null, userName: null, at: new Date(current.modified_at) });
      }
      await this.revisions.insert(trx, { articleId: id, revision: baseRevision + 1, snapshot: after, changedFields: changedFields(before, after), userId: user.id, userName: user.name, at: now });
      return { kind: 'saved', events: [written.recorded] };
    });
    if (outcome.kind === 'locked') throw lockedError(outcome.lock, seesEveryStory(user.role));
    if (outcome.kind === 'stale') {
      const article = (await this.desk.article(id)) as AdminArticle;
      throw staleSaveError({ currentRevision: outcome.currentRevision, changedFields: outcome.changedFields, changedBy: outcome.changedBy, article });
    }
    if (outcome.kind === 'saved') this.store.articleWriter.announce(outcome.events.filter((e) => e !== null));
    return (await this.desk.article(id)) as AdminArticle;
  }

  /** Makes a new revision equal to an old one (status and times stay as they are). */
  async restore(user: SessionUser, id: number, revision: number): Promise<AdminArticle> {
    const current = await this.get(user, id);
    const old = await this.revisions.get(id, revision);
    if (!old) {
      throw new DatelineError('NOT_FOUND', `This story has no revision ${revision}.`, { hint: 'Pick one from the story’s list of revisions.' });
    }
    return this.save(user, id, old.snapshot, current.revision);
  }
}
