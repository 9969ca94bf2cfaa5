import type { Selectable } from 'kysely';
import type { Sponsor } from '../domain/sponsor.js';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import { toSponsor } from './rows.js';
import type { SponsorTable } from './schema.js';

/** A sponsor's row as the newsroom edits it. */
export type SponsorRow = Selectable<SponsorTable>;

export interface NewSponsor {
  slug: string;
  name: string;
  url: string;
  blurb?: string;
}

export class SponsorRepo {
  constructor(private readonly db: Db) {}

  async create(input: NewSponsor): Promise<number> {
    const row = await this.db.kysely
      .insertInto('sponsors')
      .values({ slug: input.slug, name: input.name, url: input.url, blurb: input.blurb ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async many(ids: readonly number[]): Promise<Map<number, Sponsor>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.kysely.selectFrom('sponsors').selectAll().where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, toSponsor(row)]));
  }

  /** Every sponsor by name, for the newsroom. */
  async rows(): Promise<SponsorRow[]> {
    return this.db.kysely.selectFrom('sponsors').selectAll().orderBy('name').orderBy('id').execute();
  }

  async row(id: number): Promise<SponsorRow | undefined> {
    return this.db.kysely.selectFrom('sponsors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every slug in use, to make a new one unique. */
  async slugs(): Promise<Set<string>> {
    return new Set((await this.db.kysely.selectFrom('sponsors').select('slug').execute()).map((r) => r.slug));
  }

  /** Changes name, link or blurb in the caller's transaction (the one that records the purge). */
  async update(tx: Tx, id: number, set: Partial<Pick<SponsorRow, 'name' | 'url' | 'blurb'>>): Promise<void> {
    await tx.updateTable('sponsors').set(set).where('id', '=', id).execute();
  }
}
