import type { Sponsor } from '../domain/sponsor.js';
import type { Db } from './database.js';
import { toSponsor } from './rows.js';

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
}
