import { DatelineError } from '../../domain/errors.js';
import { slugify, uniqueSlug } from '../../domain/slug.js';
import type { AuthorRow, Store } from '../../store/index.js';
import type { AdminAuthor } from '../admin-api-contract.js';
import { announceChange, recordCatalogChange } from './announce-change.js';

export type AuthorFields = Partial<Pick<AdminAuthor, 'name' | 'kind' | 'bio' | 'pictureId' | 'slug'>>;

/** Bylines as the newsroom edits them: name, bio and picture. */
export class AuthorAdmin {
  constructor(private readonly store: Store) {}

  async list(): Promise<AdminAuthor[]> {
    const rows = await this.store.authors.rows();
    return rows.map(toAdminAuthor);
  }

  async get(id: number): Promise<AdminAuthor> {
    const row = await this.store.authors.row(id);
    if (!row) throw new DatelineError('NOT_FOUND', `There is no author with id ${id}.`);
    return toAdminAuthor(row);
  }

  async create(fields: AuthorFields & { name: string }): Promise<AdminAuthor> {
    const name = requiredName(fields.name);
    await this.checkPicture(fields.pictureId);
    const base = slugify(fields.slug ?? name);
    if (!base) throw new DatelineError('BAD_INPUT', `“${fields.slug ?? name}” gives an empty slug.`, { hint: 'Use letters or digits.' });
    const taken = await this.store.authors.slugs();
    if (fields.slug !== undefined && taken.has(base)) {
      throw new DatelineError('CONFLICT', `The author slug “${base}” is taken.`, { hint: 'Pick another slug, or leave it out to get one made from the name.' });
    }
    const id = await this.store.authors.create({
      slug: uniqueSlug(base, (s) => taken.has(s)),
      name,
      kind: fields.kind ?? 'person',
      bio: fields.bio?.trim() ?? '',
      pictureId: fields.pictureId ?? null,
    });
    await announceChange(this.store, { kind: 'author', id });
    return this.get(id);
  }

  /** The slug stays: author pages keep their address (there are no redirects for them). */
  async update(id: number, fields: Omit<AuthorFields, 'slug'>): Promise<AdminAuthor> {
    await this.get(id);
    await this.checkPicture(fields.pictureId);
    const set: Partial<Pick<AuthorRow, 'name' | 'kind' | 'bio' | 'picture_id'>> = {};
    if (fields.name !== undefined) set.name = requiredName(fields.name);
    if (fields.kind !== undefined) set.kind = fields.kind;
    if (fields.bio !== undefined) set.bio = fields.bio.trim();
    if (fields.pictureId !== undefined) set.picture_id = fields.pictureId;
    if (Object.keys(set).length > 0) {
      // The change and its purge commit together: every page with this byline is dropped everywhere.
      const entry = await this.store.transaction(async (trx) => {
        await this.store.authors.update(trx, id, set);
        return recordCatalogChange(this.store, trx, { kind: 'author', id });
      });
      this.store.changes.announceRecorded([entry]);
    }
    return this.get(id);
  }

  private async checkPicture(pictureId: number | null | undefined): Promise<void> {
    if (pictureId === null || pictureId === undefined) return;
    if (!(await this.store.media.get(pictureId))) {
      throw new DatelineError('BAD_INPUT', `There is no picture with id ${pictureId} in the media library.`, {
        hint: 'Upload the picture first (POST /admin/api/media) and use its id, or send null for no picture.',
      });
    }
  }
}

function requiredName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new DatelineError('BAD_INPUT', 'An author needs a name.', { hint: 'Give the name as it appears in the byline.' });
  return trimmed;
}

function toAdminAuthor(row: AuthorRow): AdminAuthor {
  return { id: row.id, slug: row.slug, name: row.name, kind: row.kind, bio: row.bio, pictureId: row.picture_id };
}
