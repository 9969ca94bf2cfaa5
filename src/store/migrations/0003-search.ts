import { type Kysely, sql } from 'kysely';
import { textOfHtml } from '../../domain/excerpt.js';
import type { Dialect } from '../dialect.js';

const BACKFILL_BATCH = 1000;

/**
 * Full-text search over stories. Both databases index `body_text`, the
 * body without its HTML, which the writer keeps next to `body_html` (neither
 * database can strip tags itself). SQLite: an external-content FTS5 table
 * kept in step by triggers, so the index changes in the same transaction as
 * the story. PostgreSQL: a generated, weighted tsvector (headline A, summary
 * B, body C) with a GIN index over the stories readers may see.
 */
export function search(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('articles').addColumn('body_text', 'text', (c) => c.notNull().defaultTo('')).execute();
      await backfillBodyText(db);
      if (dialect === 'sqlite') await sqliteIndex(db);
      else await postgresIndex(db);
    },
  };
}

async function backfillBodyText(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: Array<{ id: number; body_html: string }> = await db
      .selectFrom('articles')
      .select(['id', 'body_html'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BACKFILL_BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      await db.updateTable('articles').set({ body_text: textOfHtml(row.body_html) }).where('id', '=', row.id).execute();
    }
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

async function sqliteIndex(db: Kysely<any>): Promise<void> {
  // Porter stemming so "councils" finds "council", as PostgreSQL's english configuration does.
  await sql`create virtual table articles_fts using fts5(
    headline, summary, body_text,
    content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`create trigger articles_fts_insert after insert on articles begin
    insert into articles_fts(rowid, headline, summary, body_text) values (new.id, new.headline, new.summary, new.body_text);
  end`.execute(db);
  // An external-content index forgets a row by being given its old values.
  await sql`create trigger articles_fts_delete after delete on articles begin
    insert into articles_fts(articles_fts, rowid, headline, summary, body_text) values ('delete', old.id, old.headline, old.summary, old.body_text);
  end`.execute(db);
  await sql`create trigger articles_fts_update after update of headline, summary, body_text on articles begin
    insert into articles_fts(articles_fts, rowid, headline, summary, body_text) values ('delete', old.id, old.headline, old.summary, old.body_text);
    insert into articles_fts(rowid, headline, summary, body_text) values (new.id, new.headline, new.summary, new.body_text);
  end`.execute(db);
  await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
}

async function postgresIndex(db: Kysely<any>): Promise<void> {
  // PostgreSQL's parser reads `<…>` in text as markup and skips whatever follows a `<script>`,
  // so `<` is a blank here: a story that talks about <script> tags stays searchable.
  await sql`alter table articles add column search_vector tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, translate(headline, '<', ' ')), 'A') ||
    setweight(to_tsvector('english'::regconfig, translate(summary, '<', ' ')), 'B') ||
    setweight(to_tsvector('english'::regconfig, translate(body_text, '<', ' ')), 'C')
  ) stored`.execute(db);
  // Partial, with the same literal predicate as the list indexes, so only stories readers may see are indexed.
  await sql`create index articles_search on articles using gin (search_vector)
    where status = 'published' and label <> 'sponsored'`.execute(db);
}
