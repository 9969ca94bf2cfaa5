import { type RawBuilder, sql } from 'kysely';
import { ftsMatch, type SearchTerms, tsQueryText } from '../domain/search-query.js';
import { MATCH_END, MATCH_START } from '../domain/snippet-html.js';
import type { Db } from './database.js';
import { SEARCH_CONFIG } from './migrations/0023-search-parity.js';

/** PostgreSQL's accent-folding English configuration (migration 0023), inlined so plans can use the index. */
const CONFIG = sql.raw(`'${SEARCH_CONFIG}'::regconfig`);

/** Which stories a search may return, besides matching the words. */
export interface SearchFilter {
  now: Date;
  /** A top-level section includes its sub-sections. */
  section?: { id: number; topLevel: boolean } | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface Candidate {
  id: number;
  /** Higher is better. */
  score: number;
}

export interface Snippets {
  id: number;
  summary: string;
  body: string;
}

/**
 * SQLite's search reads run on the read thread (sqlite-reads.ts) so a flood of searches leaves the
 * event loop to the pages; the thread reads the last committed state, as any reader would.
 */
async function offLoop<R>(db: Db, query: RawBuilder<R>): Promise<R[]> {
  if (db.readThread) return db.readThread.all<R>(query.compile(db.kysely));
  return (await query.execute(db.kysely)).rows;
}

/** Stands in for `<` while PostgreSQL makes a snippet. */
const LESS_THAN = '\u0004';

/** Words shown around the matches in a snippet. */
const SNIPPET_TOKENS = 28;

// The same literal text as the partial list and search indexes' predicates,
// so both planners can prove a query may use them.
function visible(filter: SearchFilter): RawBuilder<unknown> {
  const parts = [sql`a.status = 'published' and a.label <> 'sponsored'`, sql`a.published_at <= ${filter.now.getTime()}`];
  if (filter.section) {
    parts.push(filter.section.topLevel ? sql`a.root_section_id = ${filter.section.id}` : sql`a.section_id = ${filter.section.id}`);
  }
  if (filter.from) parts.push(sql`a.published_at >= ${filter.from.getTime()}`);
  if (filter.to) parts.push(sql`a.published_at < ${filter.to.getTime()}`);
  return sql.join(parts, sql` and `);
}

/**
 * The newest `limit` matching stories (by id, which grows with each new
 * story), newest first, with their relevance. Ranking stops at this many
 * candidates: a word in every story then costs the same as a rare one.
 */
export async function candidates(db: Db, words: SearchTerms, filter: SearchFilter, limit: number): Promise<Candidate[]> {
  if (db.dialect === 'sqlite') {
    // bm25 weights: a headline word counts ten times a body word, the summary four.
    // CROSS JOIN keeps the full-text index the outer loop, read newest first; left to itself
    // the planner walks a whole section's list index and probes the index once per story.
    return offLoop<Candidate>(
      db,
      sql<Candidate>`
      select articles_fts.rowid as id, -bm25(articles_fts, 10.0, 4.0, 1.0) as score
      from articles_fts cross join articles a on a.id = articles_fts.rowid
      where articles_fts match ${ftsMatch(words)} and ${visible(filter)}
      order by articles_fts.rowid desc
      limit ${limit}`,
    );
  }
  // A headline match lifts a story a whole point; ts_rank_cd normalised by 32 stays below 1,
  // so no number of body matches outranks one in the headline. Ranked only once the newest
  // candidates are known: ranking reads each story's whole vector, which every match would cost.
  // For a common word the planner walks the primary key backwards and tests each story's vector,
  // which migration 0010 keeps in the row (from TOAST it cost 5x as much); for a rare word it sorts
  // the GIN index's matches. docs/benchmarks.md, "Search".
  const { rows } = await sql<Candidate>`
    select c.id,
      (case when a.search_vector @@ to_tsquery(${CONFIG}, ${tsQueryText(words, { weight: 'A', any: true })}) then 1 else 0 end)
        + ts_rank_cd(a.search_vector, to_tsquery(${CONFIG}, ${tsQueryText(words)}), 32) as score
    from (
      select a.id from articles a
      where a.search_vector @@ to_tsquery(${CONFIG}, ${tsQueryText(words)}) and ${visible(filter)}
      order by a.id desc
      limit ${limit}
    ) as c
    join articles a on a.id = c.id
    order by c.id desc`.execute(db.kysely);
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}

/** Summary and body snippets of the given stories, matched words between MATCH_START and MATCH_END. */
export async function snippets(db: Db, words: SearchTerms, ids: number[]): Promise<Snippets[]> {
  if (ids.length === 0) return [];
  if (db.dialect === 'sqlite') {
    // One pass over the matches between the lowest and highest id: FTS5 rebuilds a prefix word's
    // list on every lookup, so seeking each id costs more than the walk. The bounds are cast
    // because FTS5 ignores a rowid bound that arrives as REAL, which is how JavaScript numbers bind.
    return offLoop<Snippets>(
      db,
      sql<Snippets>`
      select articles_fts.rowid as id,
        snippet(articles_fts, 1, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_TOKENS}) as summary,
        snippet(articles_fts, 2, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_TOKENS}) as body
      from articles_fts
      where articles_fts match ${ftsMatch(words)}
        and articles_fts.rowid between cast(${Math.min(...ids)} as integer) and cast(${Math.max(...ids)} as integer)
        and +articles_fts.rowid in (select value from json_each(${JSON.stringify(ids)}))`,
    );
  }
  const idList = sql.join(ids);
  // As in the index, `<` must not read as markup: it stands in as a control character and comes back after.
  const options = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_TOKENS}, MinWords=${Math.round(SNIPPET_TOKENS / 2)}, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
  const { rows } = await sql<Snippets>`
    select a.id,
      ts_headline(${CONFIG}, translate(a.summary, '<', ${LESS_THAN}), q.query, ${options}) as summary,
      ts_headline(${CONFIG}, translate(a.body_text, '<', ${LESS_THAN}), q.query, ${options}) as body
    from articles a, to_tsquery(${CONFIG}, ${tsQueryText(words)}) as q(query)
    where a.id in (${idList})`.execute(db.kysely);
  return rows.map((r) => ({ id: Number(r.id), summary: r.summary.replaceAll(LESS_THAN, '<'), body: r.body.replaceAll(LESS_THAN, '<') }));
}
