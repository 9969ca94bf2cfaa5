import { type Kysely, sql, type Transaction } from 'kysely';
import { type Entity, type EntityKind, type EntityStatus, entitySlug, nameKey } from '../domain/entity.js';
import { DatelineError } from '../domain/errors.js';
import { uniqueSlug } from '../domain/slug.js';
import type { Db } from './database.js';
import { insertedId } from './inserted-id.js';
import type { Database } from './schema.js';

/** A name found in a story, from the agency's subjects or the text. */
export interface Mention {
  name: string;
  kind: EntityKind;
  mentions: number;
  confident: boolean;
  source: 'agency' | 'text';
}

/** What saving a story's mentions changed: the entities whose stories or status moved (their topic pages). */
export interface MentionChange {
  /** Entities the story names now or named before. */
  touched: number[];
  /** Entities that became confirmed by this save (found with confidence in two published stories, or named by an agency). */
  confirmed: number[];
}

/** A story's entity as the newsroom sees it. */
export interface StoryEntity extends Entity {
  source: 'agency' | 'text' | 'editor';
  mentions: number;
  confident: boolean;
}

/** An entity in the newsroom's list, with how many stories name it. */
export interface EntityListItem extends Entity {
  stories: number;
  aliases: string[];
}

/** Stories readers can see (the list indexes' predicate). */
const LISTED = sql<boolean>`a.status = 'published' and a.label <> 'sponsored'`;

type EntityRow = {
  id: number;
  slug: string;
  name: string;
  kind: EntityKind;
  description: string;
  picture_id: number | null;
  status: EntityStatus;
};

const toEntity = (r: EntityRow): Entity => ({
  id: Number(r.id),
  slug: r.slug,
  name: r.name,
  kind: r.kind,
  description: r.description,
  pictureId: r.picture_id === null ? null : Number(r.picture_id),
  status: r.status,
});

const ENTITY_COLUMNS = ['e.id', 'e.slug', 'e.name', 'e.kind', 'e.description', 'e.picture_id', 'e.status'] as const;

/** Published stories that must name an entity with confidence before it is confirmed without an editor. */
export const AUTO_CONFIRM_STORIES = 2;

/** Entities (people, organizations, places), their aliases and which stories name them (migration 0028). */
export class EntityRepo {
  constructor(private readonly db: Db) {}

  /**
   * Replaces what extraction found in a story (editors' additions stay),
   * making suggested entities for new names and confirming those the
   * agency named or that two published stories now name with confidence.
   * Runs inside the job's transaction.
   */
  async saveMentions(trx: Transaction<Database>, articleId: number, found: readonly Mention[], now: Date): Promise<MentionChange> {
    const before = await trx.selectFrom('article_entities').select('entity_id').where('article_id', '=', articleId).where('source', '<>', 'editor').execute();
    await trx.deleteFrom('article_entities').where('article_id', '=', articleId).where('source', '<>', 'editor').execute();
    const editorRows = await trx.selectFrom('article_entities').select('entity_id').where('article_id', '=', articleId).execute();
    const kept = new Set(editorRows.map((r) => Number(r.entity_id)));
    const rows = new Map<number, { source: Mention['source']; mentions: number; confident: boolean }>();
    const confirmed: number[] = [];
    for (const mention of found) {
      const entity = await this.resolve(trx, mention.name, mention.kind, mention.source === 'agency' ? 'confirmed' : 'suggested', now);
      if (!entity || entity.status === 'removed' || kept.has(entity.id)) continue;
      if (mention.source === 'agency' && entity.status === 'suggested') {
        await this.setStatus(trx, entity.id, 'confirmed', now);
        confirmed.push(entity.id);
      }
      const prior = rows.get(entity.id);
      rows.set(entity.id, {
        source: prior?.source === 'agency' || mention.source === 'agency' ? 'agency' : 'text',
        mentions: (prior?.mentions ?? 0) + mention.mentions,
        confident: (prior?.confident ?? false) || mention.confident || mention.source === 'agency',
      });
    }
    const values = [...rows].map(([entityId, r]) => ({ article_id: articleId, entity_id: entityId, source: r.source, mentions: r.mentions, confident: r.confident ? 1 : 0 }));
    if (values.length > 0) await trx.insertInto('article_entities').values(values).execute();
    // A busy wire cannot wait for an editor: two published stories naming it with confidence confirm it.
    const suggested = [...rows].filter(([, r]) => r.confident).map(([id]) => id);
    if (suggested.length > 0) {
      const ready = await trx
        .selectFrom('article_entities as ae')
        .innerJoin('articles as a', 'a.id', 'ae.article_id')
        .innerJoin('entities as e', 'e.id', 'ae.entity_id')
        .select('ae.entity_id')
        .where('ae.entity_id', 'in', suggested)
        .where('e.status', '=', 'suggested')
        .where('ae.confident', '=', 1)
        .where('a.status', '=', 'published')
        .groupBy('ae.entity_id')
        .having((eb) => eb.fn.countAll(), '>=', AUTO_CONFIRM_STORIES)
        .execute();
      for (const row of ready) {
        await this.setStatus(trx, Number(row.entity_id), 'confirmed', now);
        confirmed.push(Number(row.entity_id));
      }
    }
    const touched = new Set([...before.map((r) => Number(r.entity_id)), ...rows.keys()]);
    return { touched: [...touched], confirmed };
  }

  /** The entity a name means (through its aliases), made as `status` if the name is new. */
  private async resolve(trx: Kysely<Database>, name: string, kind: EntityKind, status: EntityStatus, now: Date): Promise<Entity | null> {
    const key = nameKey(name);
    if (!key) return null;
    const known = await trx
      .selectFrom('entity_aliases as al')
      .innerJoin('entities as e', 'e.id', 'al.entity_id')
      .select(ENTITY_COLUMNS)
      .where('al.name_key', '=', key)
      .executeTakeFirst();
    if (known) return toEntity(known as EntityRow);
    const slug = await this.freeSlug(trx, entitySlug(name));
    const id = await insertedId(
      this.db.dialect,
      trx.insertInto('entities').values({ slug, name: name.trim(), kind, description: '', picture_id: null, status, created_at: now.getTime(), updated_at: now.getTime() }),
    );
    if (id === undefined) throw new Error(`the entity "${name}" was not inserted`);
    await trx.insertInto('entity_aliases').values({ name_key: key, entity_id: id, name: name.trim() }).execute();
    return { id, slug, name: name.trim(), kind, description: '', pictureId: null, status };
  }

  private async freeSlug(trx: Kysely<Database>, base: string): Promise<string> {
    const taken = await trx
      .selectFrom('entities')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    const set = new Set(taken.map((r) => r.slug));
    return uniqueSlug(base, (s) => set.has(s));
  }

  private async setStatus(trx: Kysely<Database>, id: number, status: EntityStatus, now: Date): Promise<void> {
    await trx.updateTable('entities').set({ status, updated_at: now.getTime() }).where('id', '=', id).execute();
  }

  // ---- the public site and the content API: confirmed entities of stories readers can see ----

  /** A confirmed entity, only when a story readers can see now names it (else a draft's names would leak). */
  async publicBySlug(slug: string, now: Date): Promise<Entity | undefined> {
    const row = await this.db.kysely
      .selectFrom('entities as e')
      .select(ENTITY_COLUMNS)
      .where('e.slug', '=', slug)
      .where('e.status', '=', 'confirmed')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_entities as ae')
            .innerJoin('articles as a', 'a.id', 'ae.article_id')
            .select('ae.article_id')
            .whereRef('ae.entity_id', '=', 'e.id')
            .where(LISTED)
            .where('a.published_at', '<=', now.getTime()),
        ),
      )
      .executeTakeFirst();
    return row ? toEntity(row as EntityRow) : undefined;
  }

  /** The confirmed entities a story names, most-mentioned first (its "Topics" line and JSON-LD). */
  async confirmedForArticle(articleId: number, executor: Kysely<Database> = this.db.kysely): Promise<Array<Entity & { mentions: number }>> {
    const rows = await executor
      .selectFrom('article_entities as ae')
      .innerJoin('entities as e', 'e.id', 'ae.entity_id')
      .select([...ENTITY_COLUMNS, 'ae.mentions'])
      .where('ae.article_id', '=', articleId)
      .where('e.status', '=', 'confirmed')
      .orderBy('ae.mentions', 'desc')
      .orderBy('e.name')
      .execute();
    return rows.map((r) => ({ ...toEntity(r as EntityRow), mentions: Number(r.mentions) }));
  }

  /**
   * Confirmed entities that a story readers can see names, by slug, a page
   * at a time (the content API and the sitemap), with their story counts.
   */
  async publicPage(now: Date, options: { afterSlug?: string | undefined; limit: number }): Promise<Array<Entity & { stories: number; lastPublishedAt: number }>> {
    let q = this.db.kysely
      .selectFrom('entities as e')
      .innerJoin('article_entities as ae', 'ae.entity_id', 'e.id')
      .innerJoin('articles as a', 'a.id', 'ae.article_id')
      .select([...ENTITY_COLUMNS, (eb) => eb.fn.countAll<number>().as('stories'), (eb) => eb.fn.max('a.published_at').as('last')])
      .where('e.status', '=', 'confirmed')
      .where(LISTED)
      .where('a.published_at', '<=', now.getTime())
      .groupBy(ENTITY_COLUMNS as unknown as string[] as any)
      .orderBy('e.slug')
      .limit(options.limit);
    if (options.afterSlug) q = q.where('e.slug', '>', options.afterSlug);
    const rows = await q.execute();
    return rows.map((r) => ({ ...toEntity(r as unknown as EntityRow), stories: Number(r.stories), lastPublishedAt: Number(r.last) }));
  }

  // ---- the newsroom ----

  async byId(id: number, executor: Kysely<Database> = this.db.kysely): Promise<Entity | undefined> {
    const row = await executor.selectFrom('entities as e').select(ENTITY_COLUMNS).where('e.id', '=', id).executeTakeFirst();
    return row ? toEntity(row as EntityRow) : undefined;
  }

  /** The newsroom's list: by status, optionally matching a name, most-named first. */
  async list(options: { status: EntityStatus; query?: string | undefined; limit: number; offset: number }): Promise<{ items: EntityListItem[]; total: number }> {
    let base = this.db.kysely.selectFrom('entities as e').where('e.status', '=', options.status);
    const q = options.query?.trim();
    if (q) base = base.where((eb) => eb.exists(eb.selectFrom('entity_aliases as al').select('al.entity_id').whereRef('al.entity_id', '=', 'e.id').where('al.name_key', 'like', `%${nameKey(q).replace(/[%_]/g, '')}%`)));
    const [rows, count] = await Promise.all([
      base
        .select([...ENTITY_COLUMNS, (eb) => eb.selectFrom('article_entities as ae').select((x) => x.fn.countAll<number>().as('n')).whereRef('ae.entity_id', '=', 'e.id').as('stories')])
        .orderBy('stories', 'desc')
        .orderBy('e.name')
        .limit(options.limit)
        .offset(options.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    const ids = rows.map((r) => Number(r.id));
    const aliases = ids.length === 0 ? [] : await this.db.kysely.selectFrom('entity_aliases').select(['entity_id', 'name']).where('entity_id', 'in', ids).orderBy('name').execute();
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => {
        const entity = toEntity(r as unknown as EntityRow);
        return { ...entity, stories: Number(r.stories ?? 0), aliases: aliases.filter((a) => Number(a.entity_id) === entity.id && a.name !== entity.name).map((a) => a.name) };
      }),
    };
  }

  /** A story's entities (every status but removed), for the editor's panel. */
  async forArticle(articleId: number): Promise<StoryEntity[]> {
    const rows = await this.db.kysely
      .selectFrom('article_entities as ae')
      .innerJoin('entities as e', 'e.id', 'ae.entity_id')
      .select([...ENTITY_COLUMNS, 'ae.source', 'ae.mentions', 'ae.confident'])
      .where('ae.article_id', '=', articleId)
      .where('e.status', '<>', 'removed')
      .orderBy('e.status')
      .orderBy('ae.mentions', 'desc')
      .execute();
    return rows.map((r) => ({ ...toEntity(r as EntityRow), source: r.source, mentions: Number(r.mentions), confident: Number(r.confident) === 1 }));
  }

  /** Ids of the stories that name an entity (to purge their pages and recompute their related lists). */
  async storiesOf(executor: Kysely<Database>, entityIds: readonly number[], limit = 1000): Promise<number[]> {
    if (entityIds.length === 0) return [];
    const rows = await executor.selectFrom('article_entities').select('article_id').distinct().where('entity_id', 'in', [...entityIds]).limit(limit).execute();
    return rows.map((r) => Number(r.article_id));
  }

  /** As storiesOf, read on its own (before a change's transaction opens). */
  storiesNaming(entityIds: readonly number[], limit = 1000): Promise<number[]> {
    return this.storiesOf(this.db.kysely, entityIds, limit);
  }

  /**
   * An editor's change to one entity. Renaming keeps the old name as an
   * alias, so extraction keeps finding it; a slug change is the editor's.
   */
  async update(
    trx: Kysely<Database>,
    id: number,
    patch: { name?: string; kind?: EntityKind; description?: string; pictureId?: number | null; status?: EntityStatus; slug?: string },
    now: Date,
  ): Promise<Entity> {
    const current = await this.byId(id, trx);
    if (!current) throw new DatelineError('NOT_FOUND', `There is no entity ${id}.`, { hint: 'It may have been merged into another; reload the list.' });
    const set: Partial<Record<string, unknown>> = { updated_at: now.getTime() };
    if (patch.name !== undefined && patch.name.trim() !== current.name) {
      const name = patch.name.trim();
      const owner = await this.aliasOwner(trx, name);
      if (owner !== undefined && owner !== id) {
        throw new DatelineError('CONFLICT', `“${name}” is already a name of another entity.`, { hint: 'Merge the two entities instead of renaming one to the other’s name.' });
      }
      set.name = name;
      if (owner === undefined) await trx.insertInto('entity_aliases').values({ name_key: nameKey(name), entity_id: id, name }).execute();
    }
    if (patch.slug !== undefined && patch.slug !== current.slug) {
      const taken = await trx.selectFrom('entities').select('id').where('slug', '=', patch.slug).executeTakeFirst();
      if (taken) throw new DatelineError('CONFLICT', `The address /topics/${patch.slug} is taken.`, { hint: 'Choose another slug.' });
      set.slug = patch.slug;
    }
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.description !== undefined) set.description = patch.description.trim();
    if (patch.pictureId !== undefined) set.picture_id = patch.pictureId;
    if (patch.status !== undefined) set.status = patch.status;
    await trx.updateTable('entities').set(set).where('id', '=', id).execute();
    return (await this.byId(id, trx))!;
  }

  private async aliasOwner(trx: Kysely<Database>, name: string): Promise<number | undefined> {
    const row = await trx.selectFrom('entity_aliases').select('entity_id').where('name_key', '=', nameKey(name)).executeTakeFirst();
    return row ? Number(row.entity_id) : undefined;
  }

  /** Another name for an entity ("Kim" for "Kim Jong Un"): extraction then counts it as that entity. */
  async addAlias(trx: Kysely<Database>, id: number, name: string): Promise<void> {
    const key = nameKey(name);
    if (!key) throw new DatelineError('BAD_INPUT', 'An alias needs letters or digits.', { hint: 'Type the other name the entity goes by.' });
    const owner = await this.aliasOwner(trx, name);
    if (owner === id) return;
    if (owner !== undefined) {
      const other = await this.byId(owner, trx);
      throw new DatelineError('CONFLICT', `“${name.trim()}” already means ${other?.name ?? 'another entity'}.`, { hint: 'Merge the two entities if they are the same.' });
    }
    await trx.insertInto('entity_aliases').values({ name_key: key, entity_id: id, name: name.trim() }).execute();
  }

  async removeAlias(trx: Kysely<Database>, id: number, name: string): Promise<void> {
    const entity = await this.byId(id, trx);
    if (entity && nameKey(entity.name) === nameKey(name)) {
      throw new DatelineError('BAD_INPUT', 'An entity’s own name cannot be removed from its aliases.', { hint: 'Rename the entity first.' });
    }
    await trx.deleteFrom('entity_aliases').where('entity_id', '=', id).where('name_key', '=', nameKey(name)).execute();
  }

  /**
   * `from` becomes part of `into`: its names become aliases of `into`, its
   * stories name `into` (mentions added up), and `from` is gone.
   */
  async merge(trx: Kysely<Database>, fromId: number, intoId: number, now: Date): Promise<Entity> {
    if (fromId === intoId) throw new DatelineError('BAD_INPUT', 'An entity cannot be merged into itself.', { hint: 'Pick another entity to merge into.' });
    const [from, into] = await Promise.all([this.byId(fromId, trx), this.byId(intoId, trx)]);
    if (!from || !into) throw new DatelineError('NOT_FOUND', `There is no entity ${from ? intoId : fromId}.`, { hint: 'Reload the list and try again.' });
    await trx.updateTable('entity_aliases').set({ entity_id: intoId }).where('entity_id', '=', fromId).execute();
    const rows = await trx.selectFrom('article_entities').selectAll().where('entity_id', '=', fromId).execute();
    for (const row of rows) {
      const existing = await trx.selectFrom('article_entities').selectAll().where('article_id', '=', row.article_id).where('entity_id', '=', intoId).executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('article_entities')
          .set({ mentions: Number(existing.mentions) + Number(row.mentions), confident: Math.max(Number(existing.confident), Number(row.confident)) })
          .where('article_id', '=', row.article_id)
          .where('entity_id', '=', intoId)
          .execute();
      } else {
        await trx.insertInto('article_entities').values({ ...row, entity_id: intoId }).execute();
      }
    }
    await trx.deleteFrom('entities').where('id', '=', fromId).execute();
    await trx.updateTable('entities').set({ updated_at: now.getTime(), ...(into.status === 'suggested' && from.status === 'confirmed' ? { status: 'confirmed' as const } : {}) }).where('id', '=', intoId).execute();
    return (await this.byId(intoId, trx))!;
  }

  /** An editor names an entity in a story by hand (kept when extraction runs again). */
  async addToArticle(trx: Kysely<Database>, articleId: number, entityId: number): Promise<void> {
    await trx.deleteFrom('article_entities').where('article_id', '=', articleId).where('entity_id', '=', entityId).execute();
    await trx.insertInto('article_entities').values({ article_id: articleId, entity_id: entityId, source: 'editor', mentions: 1, confident: 1 }).execute();
  }

  /** Entities a story names whose ids are given, for the editor: which still exist. */
  async exists(trx: Kysely<Database>, id: number): Promise<boolean> {
    return (await trx.selectFrom('entities').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
