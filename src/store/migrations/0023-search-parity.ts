import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/** PostgreSQL's text search configuration: English stemming and stop words, accents folded. */
export const SEARCH_CONFIG = 'dateline_english';

/**
 * PostgreSQL: search folds accents, as SQLite's FTS5 (`remove_diacritics 2`)
 * already does, so "cafe" finds "Café" on both databases. A copy of the
 * `english` configuration runs words through `unaccent` before stemming, and
 * the stored search vector is rebuilt with it (the column is generated, so it
 * is dropped and added again, with its index and in-row storage).
 *
 * `unaccent` is a trusted extension: a database owner may create it.
 */
export function searchParity(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`create extension if not exists unaccent`.execute(db);
      await sql.raw(`create text search configuration ${SEARCH_CONFIG} (copy = english)`).execute(db);
      await sql
        .raw(`alter text search configuration ${SEARCH_CONFIG} alter mapping for hword, hword_part, word with unaccent, english_stem`)
        .execute(db);
      await sql`drop index if exists articles_search`.execute(db);
      await sql`alter table articles drop column search_vector`.execute(db);
      await sql
        .raw(`alter table articles add column search_vector tsvector generated always as (
          setweight(to_tsvector('${SEARCH_CONFIG}'::regconfig, translate(headline, '<', ' ')), 'A') ||
          setweight(to_tsvector('${SEARCH_CONFIG}'::regconfig, translate(summary, '<', ' ')), 'B') ||
          setweight(to_tsvector('${SEARCH_CONFIG}'::regconfig, translate(body_text, '<', ' ')), 'C')
        ) stored`)
        .execute(db);
      // As 0010: the vector stays in its row (see docs/benchmarks.md, "Search").
      await sql`alter table articles alter column search_vector set storage main`.execute(db);
      await sql`create index articles_search on articles using gin (search_vector)
        where status = 'published' and label <> 'sponsored'`.execute(db);
    },
  };
}
