import { articleKey, SITEMAPS_KEY, topicKey } from '../../domain/cache-keys.js';
import { ENTITY_DESCRIPTION_MAX, ENTITY_NAME_MAX, type Entity, type EntityKind, type EntityStatus, nameKey } from '../../domain/entity.js';
import { DatelineError } from '../../domain/errors.js';
import { isSlug } from '../../domain/slug.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { Store, Tx } from '../../store/index.js';

export interface EntityPatch {
  name?: string | undefined;
  kind?: EntityKind | undefined;
  description?: string | undefined;
  pictureId?: number | null | undefined;
  status?: EntityStatus | undefined;
  slug?: string | undefined;
}

/** Stories re-read at most when an entity changes; past this the site is purged as a whole by boundedPurge. */
const STORIES_PER_CHANGE = 1000;

/**
 * The Entities screen's and the story editor's changes: each in one
 * transaction with its outbox purge (the topic page, the stories that name
 * it, the sitemaps) and the related jobs of the stories it touches.
 */
export class EntityDesk {
  constructor(private readonly store: Store) {}

  async update(id: number, patch: EntityPatch, now: Date): Promise<Entity> {
    if (patch.name !== undefined) checkName(patch.name, 'name');
    if (patch.description !== undefined && patch.description.length > ENTITY_DESCRIPTION_MAX) {
      throw new DatelineError('BAD_INPUT', `The description is ${patch.description.length} characters; at most ${ENTITY_DESCRIPTION_MAX} fit.`, { hint: 'Shorten it to a sentence or two.' });
    }
    if (patch.slug !== undefined && !isSlug(patch.slug)) {
      throw new DatelineError('BAD_INPUT', `“${patch.slug.slice(0, 80)}” is not a slug.`, { hint: 'Use lower-case letters, digits and hyphens, e.g. elena-voss.' });
    }
    if (patch.pictureId !== undefined && patch.pictureId !== null && !(await this.store.media.get(patch.pictureId))) {
      throw new DatelineError('BAD_INPUT', `There is no picture ${patch.pictureId} in the library.`, { hint: 'Pick a picture from the media library.' });
    }
    // A status change moves stories' related lists; a name or slug only changes what pages show.
    return this.change(id, patch.status !== undefined || patch.kind !== undefined, (trx) => this.store.entities.update(trx, id, patch, now), now);
  }

  async addAlias(id: number, name: string, now: Date): Promise<Entity> {
    checkName(name, 'alias');
    return this.change(id, true, async (trx) => {
      await this.store.entities.addAlias(trx, id, name);
      return (await this.store.entities.byId(id, trx))!;
    }, now);
  }

  async removeAlias(id: number, name: string, now: Date): Promise<Entity> {
    if (!nameKey(name)) throw new DatelineError('BAD_INPUT', 'Name the alias to remove.', { hint: 'Send { "name": "…" }.' });
    return this.change(id, true, async (trx) => {
      await this.store.entities.removeAlias(trx, id, name);
      return (await this.store.entities.byId(id, trx))!;
    }, now);
  }

  /** `from` becomes part of `into`; both topic pages and all their stories are purged, their lists ranked again. */
  async merge(fromId: number, intoId: number, now: Date): Promise<Entity> {
    const fromStories = await this.store.entities.storiesNaming([fromId], STORIES_PER_CHANGE);
    const merged = await this.change(intoId, true, (trx) => this.store.entities.merge(trx, fromId, intoId, now), now, [topicKey(fromId), ...fromStories.map(articleKey)]);
    return merged;
  }

  private async change(id: number, rerank: boolean, work: (trx: Tx) => Promise<Entity>, now: Date, extraKeys: string[] = []): Promise<Entity> {
    const { entity, entry } = await this.store.transaction(async (trx) => {
      const before = await this.store.entities.byId(id, trx);
      if (!before) throw new DatelineError('NOT_FOUND', `There is no entity ${id}.`, { hint: 'It may have been merged into another; reload the list.' });
      const entity = await work(trx);
      const stories = await this.store.entities.storiesOf(trx, [id], STORIES_PER_CHANGE);
      if (rerank) {
        for (const articleId of stories) {
          await this.store.jobs.enqueue(trx, { kind: JOB_KINDS.relatedStory, payload: { articleId }, key: String(articleId), replace: true }, now);
        }
      }
      const keys = [topicKey(id), SITEMAPS_KEY, ...stories.map(articleKey), ...extraKeys];
      const entry = await this.store.outbox.record(trx, { keys, hard: before.status === 'confirmed' && entity.status !== 'confirmed' }, now);
      return { entity, entry };
    });
    this.store.changes.announceRecorded([entry]);
    return entity;
  }

  /** An editor pins a related story to a story's list, or removes one from it; the list is ranked again at once by a job. */
  async setRelated(articleId: number, relatedId: number, action: 'pin' | 'remove' | 'clear', now: Date): Promise<void> {
    if (articleId === relatedId) throw new DatelineError('BAD_INPUT', 'A story cannot be related to itself.', { hint: 'Pick another story.' });
    const [story, related] = await Promise.all([this.store.articles.byId(articleId), this.store.articles.byId(relatedId)]);
    if (!story) throw new DatelineError('NOT_FOUND', `There is no story ${articleId}.`, { hint: 'Reload the story list.' });
    if (!related) throw new DatelineError('NOT_FOUND', `There is no story ${relatedId} to relate.`, { hint: 'Check the story’s id in the story list.' });
    if (action === 'pin' && related.label === 'sponsored') {
      throw new DatelineError('BAD_INPUT', 'A sponsored story cannot be a related story.', { hint: 'Sponsored stories appear only in the Sponsored box.' });
    }
    const entry = await this.store.transaction(async (trx) => {
      if (action === 'clear') await this.store.related.clearOverride(trx, articleId, relatedId);
      else await this.store.related.setOverride(trx, articleId, relatedId, action, now);
      await this.store.jobs.enqueue(trx, { kind: JOB_KINDS.relatedRefresh, payload: { articleId }, key: String(articleId), replace: true }, now);
      return this.store.outbox.record(trx, { keys: [articleKey(articleId)], hard: false }, now);
    });
    this.store.changes.announceRecorded([entry]);
  }
}

function checkName(name: string, what: string): void {
  const trimmed = name.trim();
  if (!nameKey(trimmed)) throw new DatelineError('BAD_INPUT', `The ${what} needs letters or digits.`, { hint: 'Type the name as readers know it, e.g. Elena Voss.' });
  if (trimmed.length > ENTITY_NAME_MAX) throw new DatelineError('BAD_INPUT', `The ${what} is ${trimmed.length} characters; at most ${ENTITY_NAME_MAX} fit.`, { hint: 'Use the shorter name readers know.' });
  if (/[<>]/.test(trimmed)) throw new DatelineError('BAD_INPUT', `The ${what} may not hold < or >.`, { hint: 'Type the name as plain text.' });
}
