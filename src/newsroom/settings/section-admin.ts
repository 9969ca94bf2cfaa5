import { sql, type Transaction } from 'kysely';
import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import { bySiblingOrder, rootSection, type Section, sectionPath } from '../../domain/section.js';
import { slugify } from '../../domain/slug.js';
import type { Store } from '../../store/index.js';
import { toSection } from '../../store/rows.js';
import type { Database } from '../../store/schema.js';
import type { AdminSection } from '../admin-api-contract.js';
import { recordCatalogChange } from './announce-change.js';
import { checkParent, RESERVED_SECTION_SLUGS, siblingOrder, subtreeIds, treeOrder } from './section-tree.js';

export interface SectionFields {
  name?: string;
  slug?: string;
  description?: string;
  parentId?: number | null;
  /** Place among its siblings, 0 = first in the menu. */
  position?: number;
  inMenu?: boolean;
}

export interface SectionUpdate {
  section: AdminSection;
  /** Stories whose path (and, when the top-level section changed, front) moved with the section. */
  storiesMoved: number;
}

/**
 * Creates, renames, reorders and moves sections. A new slug or parent changes
 * the path of every story below the section; those paths, their old paths
 * (kept as redirects) and `root_section_id` (docs/decisions/0003) are
 * rewritten in the same transaction as the section itself.
 */
export class SectionAdmin {
  constructor(private readonly store: Store) {}

  async list(): Promise<AdminSection[]> {
    const sections = await this.store.sections.all();
    const byId = new Map(sections.map((s) => [s.id, s]));
    return treeOrder(sections).map((s) => toAdminSection(s, byId));
  }

  async create(fields: SectionFields & { name: string }): Promise<AdminSection> {
    const section = await this.write(null, fields, new Date());
    return section.section;
  }

  async update(id: number, fields: SectionFields, now = new Date()): Promise<SectionUpdate> {
    return this.write(id, fields, now);
  }

  private async write(id: number | null, fields: SectionFields, now: Date): Promise<SectionUpdate> {
    const { result, events, entry } = await this.store.db.kysely.transaction().execute(async (trx) => {
      const before = (await trx.selectFrom('sections').selectAll().execute()).map(toSection);
      const current = id === null ? null : before.find((s) => s.id === id);
      if (id !== null && !current) throw new DatelineError('NOT_FOUND', `There is no section with id ${id}.`);

      const name = fields.name?.trim() ?? current?.name ?? '';
      if (!name) throw new DatelineError('BAD_INPUT', 'A section needs a name.', { hint: 'Give a name such as “Politics”.' });
      const slug = slugify(fields.slug ?? (current ? current.slug : name));
      if (!slug) {
        throw new DatelineError('BAD_INPUT', `“${fields.slug ?? name}” gives an empty slug.`, {
          hint: 'Use letters or digits in the slug, such as “politics”.',
        });
      }
      const parentId = fields.parentId === undefined ? (current?.parentId ?? null) : fields.parentId;
      checkParent(before, id, parentId);
      if (parentId === null && RESERVED_SECTION_SLUGS.has(slug)) {
        throw new DatelineError('BAD_INPUT', `A top-level section cannot be called “${slug}”: the site uses /${slug} itself.`, {
          hint: `Pick another slug, or put the section under a parent. Reserved: ${[...RESERVED_SECTION_SLUGS].join(', ')}.`,
        });
      }
      const clash = before.find((s) => s.slug === slug && s.id !== id);
      if (clash) {
        throw new DatelineError('CONFLICT', `The slug “${slug}” is already used by the section “${clash.name}”.`, {
          hint: 'Section slugs are unique across the site; pick another one.',
        });
      }

      const values = {
        name,
        slug,
        description: fields.description ?? current?.description ?? '',
        parent_id: parentId,
        in_menu: (fields.inMenu ?? current?.inMenu ?? true) ? 1 : 0,
      };
      let sectionId: number;
      if (current) {
        await trx.updateTable('sections').set(values).where('id', '=', current.id).execute();
        sectionId = current.id;
      } else {
        const row = await trx.insertInto('sections').values({ ...values, position: 0 }).returning('id').executeTakeFirstOrThrow();
        sectionId = row.id;
      }

      // Renumber the siblings 0, 1, 2 … whenever the order or the parent changes.
      const parentChanged = current !== undefined && current !== null && current.parentId !== parentId;
      if (!current || parentChanged || fields.position !== undefined) {
        const siblings = before.filter((s) => s.parentId === parentId);
        const keepPlace = current && !parentChanged ? [...siblings].sort(bySiblingOrder).findIndex((s) => s.id === sectionId) : null;
        const order = siblingOrder(siblings, sectionId, fields.position ?? keepPlace);
        for (const [position, sibling] of order.entries()) {
          await trx.updateTable('sections').set({ position }).where('id', '=', sibling).execute();
        }
      }

      const after = (await trx.selectFrom('sections').selectAll().execute()).map(toSection);
      const afterById = new Map(after.map((s) => [s.id, s]));
      let storiesMoved = 0;
      let events: ArticleEvent[] = [];
      if (current && (current.slug !== slug || parentChanged)) {
        const beforeById = new Map(before.map((s) => [s.id, s]));
        const moved = await moveStories(trx, subtreeIds(after, sectionId), beforeById, afterById, now);
        storiesMoved = moved.count;
        events = moved.events;
      }
      const entry = await recordCatalogChange(this.store, trx, { kind: 'sections' }, now);
      return { result: { section: toAdminSection(afterById.get(sectionId) as Section, afterById), storiesMoved }, events, entry };
    });
    this.store.sections.invalidate();
    this.store.changes.announceRecorded([entry]);
    this.store.articleWriter.announce(events);
    return result;
  }
}

/**
 * Rewrites the stories of every section in `ids` to their new paths and
 * top-level section, keeps each old path as a redirect, and records a
 * `changed` event for published stories (their URL changed for subscribers).
 */
async function moveStories(
  trx: Transaction<Database>,
  ids: readonly number[],
  beforeById: ReadonlyMap<number, Section>,
  afterById: ReadonlyMap<number, Section>,
  now: Date,
): Promise<{ count: number; events: ArticleEvent[] }> {
  let count = 0;
  const at = now.getTime();
  for (const id of ids) {
    const was = beforeById.get(id);
    const is = afterById.get(id) as Section;
    const newPrefix = `${sectionPath(is, afterById)}/`;
    if (was && `${sectionPath(was, beforeById)}/` === newPrefix) continue;
    // The current paths become redirects (a path may have been someone's redirect before: it moves to this story).
    await trx
      .insertInto('article_paths')
      .columns(['path', 'article_id', 'created_at'])
      .expression((eb) => eb.selectFrom('articles').select(['path', 'id', sql.lit(at).as('created_at')]).where('section_id', '=', id))
      .onConflict((oc) => oc.column('path').doUpdateSet((eb) => ({ article_id: eb.ref('excluded.article_id') })))
      .execute();
    const updated = await trx
      .updateTable('articles')
      .set({
        path: sql<string>`cast(${newPrefix} as text) || slug`,
        root_section_id: rootSection(is, afterById).id,
        modified_at: at,
      })
      .where('section_id', '=', id)
      .executeTakeFirst();
    count += Number(updated.numUpdatedRows);
    // A story's current path must never redirect (moving a section back and forth).
    await trx
      .deleteFrom('article_paths')
      .where('path', 'in', (eb) => eb.selectFrom('articles').select('path').where('section_id', '=', id))
      .execute();
  }
  if (count === 0) return { count, events: [] };
  const rows = await trx
    .insertInto('article_events')
    .columns(['article_id', 'kind', 'at'])
    .expression((eb) =>
      eb
        .selectFrom('articles')
        .select(['id', sql.lit('changed').as('kind'), sql.lit(at).as('at')])
        .where('section_id', 'in', [...ids])
        .where('status', '=', 'published'),
    )
    .returning(['id', 'article_id'])
    .execute();
  return { count, events: rows.map((r) => ({ id: r.id, articleId: r.article_id, kind: 'changed', at: now })) };
}

export function toAdminSection(section: Section, byId: ReadonlyMap<number, Section>): AdminSection {
  return {
    id: section.id,
    slug: section.slug,
    name: section.name,
    description: section.description,
    parentId: section.parentId,
    position: section.position,
    inMenu: section.inMenu,
    path: sectionPath(section, byId),
  };
}
