import type { ArticleEvent } from '../../domain/article-event.js';
import { DatelineError } from '../../domain/errors.js';
import { bySiblingOrder, type Section, sectionPath } from '../../domain/section.js';
import { slugify } from '../../domain/slug.js';
import type { Store } from '../../store/index.js';
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
    const { result, events, entry } = await this.store.transaction(async (trx) => {
      const before = await this.store.sections.current(trx);
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
      const sectionId = await this.store.sections.save(trx, current ? current.id : null, values);

      // Renumber the siblings 0, 1, 2 … whenever the order or the parent changes.
      const parentChanged = current !== undefined && current !== null && current.parentId !== parentId;
      if (!current || parentChanged || fields.position !== undefined) {
        const siblings = before.filter((s) => s.parentId === parentId);
        const keepPlace = current && !parentChanged ? [...siblings].sort(bySiblingOrder).findIndex((s) => s.id === sectionId) : null;
        await this.store.sections.renumber(trx, siblingOrder(siblings, sectionId, fields.position ?? keepPlace));
      }

      const after = await this.store.sections.current(trx);
      const afterById = new Map(after.map((s) => [s.id, s]));
      let storiesMoved = 0;
      let events: ArticleEvent[] = [];
      if (current && (current.slug !== slug || parentChanged)) {
        const beforeById = new Map(before.map((s) => [s.id, s]));
        const moved = await this.store.sections.moveStories(trx, subtreeIds(after, sectionId), beforeById, afterById, now);
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
