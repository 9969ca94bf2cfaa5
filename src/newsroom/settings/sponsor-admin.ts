import { DatelineError } from '../../domain/errors.js';
import { slugify, uniqueSlug } from '../../domain/slug.js';
import type { SponsorRow, Store } from '../../store/index.js';
import type { AdminSponsor } from '../admin-api-contract.js';
import { announceChange, recordCatalogChange } from './announce-change.js';

export type SponsorFields = Partial<Pick<AdminSponsor, 'name' | 'url' | 'blurb'>>;

/** Advertisers whose paid stories run labelled as sponsored. */
export class SponsorAdmin {
  constructor(private readonly store: Store) {}

  async list(): Promise<AdminSponsor[]> {
    const rows = await this.store.sponsors.rows();
    return rows.map(toAdminSponsor);
  }

  async get(id: number): Promise<AdminSponsor> {
    const row = await this.store.sponsors.row(id);
    if (!row) throw new DatelineError('NOT_FOUND', `There is no sponsor with id ${id}.`);
    return toAdminSponsor(row);
  }

  async create(fields: Required<Pick<SponsorFields, 'name' | 'url'>> & SponsorFields): Promise<AdminSponsor> {
    const name = requiredName(fields.name);
    const taken = await this.store.sponsors.slugs();
    const id = await this.store.sponsors.create({
      slug: uniqueSlug(slugify(name) || 'sponsor', (s) => taken.has(s)),
      name,
      url: checkedUrl(fields.url),
      blurb: fields.blurb?.trim() ?? '',
    });
    await announceChange(this.store, { kind: 'sponsor', id });
    return this.get(id);
  }

  async update(id: number, fields: SponsorFields): Promise<AdminSponsor> {
    await this.get(id);
    const set: Partial<Pick<SponsorRow, 'name' | 'url' | 'blurb'>> = {};
    if (fields.name !== undefined) set.name = requiredName(fields.name);
    if (fields.url !== undefined) set.url = checkedUrl(fields.url);
    if (fields.blurb !== undefined) set.blurb = fields.blurb.trim();
    if (Object.keys(set).length > 0) {
      // Sponsored stories show the sponsor's name and link: they are purged with the change.
      const entry = await this.store.transaction(async (trx) => {
        await this.store.sponsors.update(trx, id, set);
        return recordCatalogChange(this.store, trx, { kind: 'sponsor', id });
      });
      this.store.changes.announceRecorded([entry]);
    }
    return this.get(id);
  }
}

function requiredName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new DatelineError('BAD_INPUT', 'A sponsor needs a name.', { hint: 'Give the advertiser’s name as readers should see it.' });
  return trimmed;
}

/** Sponsor links go on public pages, so only http(s) addresses are taken. */
function checkedUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.toString();
  } catch {}
  throw new DatelineError('BAD_INPUT', `“${url}” is not a web address.`, { hint: 'Give the sponsor’s site as https://example.com.' });
}

function toAdminSponsor(row: SponsorRow): AdminSponsor {
  return { id: row.id, slug: row.slug, name: row.name, url: row.url, blurb: row.blurb };
}
