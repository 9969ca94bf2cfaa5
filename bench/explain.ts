/**
 * Prints SQLite's EXPLAIN QUERY PLAN for the statements Dateline runs for a
 * section front (page 1 and ~1,000 stories deep), the home page and a story.
 * The SQL is not retyped: the real store code runs against the database and
 * every statement it sends (with its parameters) is captured and explained.
 *
 *   npx tsx bench/explain.ts /path/to/dateline.sqlite [section-path] [depth]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { ListCursor } from '../src/domain/article.js';
import { homePageData, sponsoredTeasers } from '../src/site/page-data.js';
import { createStore, type Db } from '../src/store/index.js';
import type { Database } from '../src/store/schema.js';
import { sqlDialect } from '../src/store/sql-dialect.js';

export interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

export interface ExplainedQuery {
  /** Which page asked, and what for. */
  purpose: string;
  sql: string;
  parameters: readonly unknown[];
  plan: PlanRow[];
}

export interface Verdict {
  ok: boolean;
  text: string;
}

export interface ExplainReport {
  dbFile: string;
  sqliteVersion: string;
  section: string;
  depth: number;
  cursor: ListCursor;
  queries: ExplainedQuery[];
  verdicts: Verdict[];
}

/** The plan as an indented tree, like the sqlite3 shell prints it. */
export function formatPlan(rows: PlanRow[]): string {
  const lines: string[] = ['QUERY PLAN'];
  const depthOf = new Map<number, number>([[0, 0]]);
  for (const row of rows) {
    const depth = (depthOf.get(row.parent) ?? 0) + 1;
    depthOf.set(row.id, depth);
    lines.push(`${'   '.repeat(depth - 1)}|--${row.detail}`);
  }
  return lines.join('\n');
}

function verdictFor(name: string, query: ExplainedQuery | undefined, index: string, seek: RegExp): Verdict {
  if (!query) return { ok: false, text: `${name}: the statement was not captured.` };
  const details = query.plan.map((r) => r.detail);
  const usesIndex = details.find((d) => d.includes(`INDEX ${index}`));
  const tempSort = details.some((d) => d.includes('TEMP B-TREE'));
  const seeks = usesIndex !== undefined && seek.test(usesIndex);
  const ok = usesIndex !== undefined && !tempSort && seeks;
  const parts = [
    usesIndex ? `uses ${index} (${usesIndex.replace(/^.*?INDEX \S+ ?/, '') || 'full index scan'})` : `does NOT use ${index}: ${details.join('; ')}`,
    tempSort ? 'SORTS in a temp B-tree' : 'no temp B-tree sort (rows come in index order)',
  ];
  if (usesIndex && !seeks) parts.push(`but the index search does not start at the cursor (expected ${seek})`);
  return { ok, text: `${name}: ${parts.join(', ')}.` };
}

/**
 * Which bound parameters the index seek of `sql` starts from, read from the
 * VDBE bytecode (EXPLAIN QUERY PLAN prints "published_at<?" for any of them).
 */
function seekParameters(sqlite: BetterSqlite3.Database, sql: string, parameters: readonly unknown[]): number[] {
  const ops = sqlite.prepare(`explain ${sql}`).all(...(parameters as unknown[])) as { opcode: string; p1: number; p2: number; p3: number; p4: unknown }[];
  const seek = ops.find((o) => /^Seek(LT|LE|GT|GE)$/.test(o.opcode));
  if (!seek) return [];
  const fields = Number(seek.p4);
  const out: number[] = [];
  for (let r = seek.p3; r < seek.p3 + fields; r++) {
    const load = ops.find((o) => o.opcode === 'Variable' && o.p2 === r);
    if (load) out.push(load.p1);
  }
  return out;
}

export async function explain(dbFile: string, sectionPath = '/news', depth = 1000): Promise<ExplainReport> {
  if (!existsSync(dbFile)) throw new Error(`${dbFile} does not exist.`);
  const sqlite = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  let purpose = '';
  const captured: { purpose: string; sql: string; parameters: readonly unknown[] }[] = [];
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push({ purpose, sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const db: Db = { kysely, dialect: 'sqlite', sql: sqlDialect('sqlite'), location: dbFile, close: () => kysely.destroy() };
  const store = createStore(db);
  try {
    const now = new Date();
    const section = await store.sections.byPath(sectionPath);
    if (!section) throw new Error(`There is no section at ${sectionPath}.`);
    const rootFilter = section.parentId === null ? 'root_section_id' : 'section_id';
    // The cursor of the story `depth` deep: what ?before= on that page holds.
    const listed = sqlite
      .prepare(
        `select count(*) as n from articles where status = 'published' and label <> 'sponsored' and published_at <= ? and ${rootFilter} = ?`,
      )
      .get(now.getTime(), section.id) as { n: number };
    const offset = Math.max(0, Math.min(depth, listed.n) - 1);
    const row = sqlite
      .prepare(
        `select published_at, id from articles where status = 'published' and label <> 'sponsored' and published_at <= ? and ${rootFilter} = ? order by published_at desc, id desc limit 1 offset ?`,
      )
      .get(now.getTime(), section.id, offset) as { published_at: number; id: number } | undefined;
    if (!row) throw new Error(`${sectionPath} has no published stories.`);
    const cursor: ListCursor = { publishedAt: row.published_at, id: row.id };

    purpose = `section front ${sectionPath}, page 1`;
    await store.articles.list({ scope: { kind: 'section', section }, limit: 20, now });
    purpose = `section front ${sectionPath}, ${offset + 1} stories deep (?before=)`;
    const deep = await store.articles.list({ scope: { kind: 'section', section }, limit: 20, before: cursor, now });
    if (deep.newer) {
      // What the route does next to decide whether "Newer" links to the clean front URL (reader-routes isFirstPage).
      purpose = `section front ${sectionPath}, ${offset + 1} deep: the route's "is the newer page the first?" check`;
      await store.articles.list({ scope: { kind: 'section', section }, limit: 20, after: deep.newer, now });
    }
    purpose = 'home page';
    await homePageData(store, now);
    const first = await store.articles.list({ scope: { kind: 'section', section }, limit: 1, now });
    const story = first.items[0];
    if (story) {
      purpose = `story page ${story.path}`;
      const found = await store.articles.byPath(story.path);
      if (found.kind === 'article') {
        await store.articles.list({ scope: { kind: 'section', section: found.article.section }, limit: 5, excludeId: found.article.id, now });
        await sponsoredTeasers(store, now);
      }
    }

    const seen = new Set<string>();
    const queries: ExplainedQuery[] = [];
    for (const q of captured) {
      if (q.purpose === '') continue;
      const key = `${q.purpose}\n${q.sql}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const plan = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as PlanRow[];
      queries.push({ purpose: q.purpose, sql: q.sql, parameters: q.parameters, plan });
    }

    const isList = (q: ExplainedQuery) => /from "articles" as "a"/.test(q.sql) && /limit \?$/.test(q.sql) && !/select "a"\."id" from/.test(q.sql);
    const deepQuery = queries.find((q) => q.purpose.includes('deep') && isList(q) && q.sql.includes('<'));
    const firstQuery = queries.find((q) => q.purpose.endsWith('page 1') && isList(q));
    const homeAll = queries.find((q) => q.purpose === 'home page' && isList(q) && !q.sql.includes('section_id'));
    const index = section.parentId === null ? 'articles_listed_root' : 'articles_listed_section';
    const column = section.parentId === null ? 'root_section_id' : 'section_id';
    const verdicts = [
      verdictFor(`Section front page 1 (${sectionPath})`, firstQuery, index, new RegExp(`\\(${column}=\\?`)),
      verdictFor(
        `Section front ${offset + 1} deep (${sectionPath}?before=)`,
        deepQuery,
        index,
        new RegExp(`\\(${column}=\\? AND \\(published_at,id\\)<\\(\\?,\\?\\)\\)`),
      ),
      verdictFor('Home page, latest stories', homeAll, 'articles_listed_all', /./),
    ];
    if (deepQuery) {
      const used = seekParameters(sqlite, deepQuery.sql, deepQuery.parameters);
      const names = used.map((n) => `#${n} = ${JSON.stringify(deepQuery.parameters[n - 1])}`);
      const fromCursor = used.some((n) => deepQuery.parameters[n - 1] === cursor.publishedAt);
      verdicts.push({
        ok: fromCursor,
        text: `Deep page index seek (from the bytecode): starts at parameters ${names.join(', ')}; ${
          fromCursor
            ? 'that is the cursor, so the search starts at the cursor whatever the depth.'
            : `that is the "published_at <= now" bound, not the cursor (${cursor.publishedAt}): the row value (published_at, id) < (?, ?) is checked entry by entry while walking the index down from now, so cost grows with depth.`
        }`,
      });
    }
    const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
    return { dbFile, sqliteVersion: version, section: sectionPath, depth: offset + 1, cursor, queries, verdicts };
  } finally {
    await kysely.destroy();
  }
}

/** Plain-text report: each statement with its plan, then the verdicts. */
export function formatExplain(report: ExplainReport, only?: (q: ExplainedQuery) => boolean): string {
  const out: string[] = [`SQLite ${report.sqliteVersion}, ${report.dbFile}`, ''];
  let lastPurpose = '';
  for (const q of report.queries) {
    if (only && !only(q)) continue;
    if (q.purpose !== lastPurpose) {
      out.push(`== ${q.purpose}`);
      lastPurpose = q.purpose;
    }
    out.push(q.sql, `-- parameters: ${JSON.stringify(q.parameters)}`, formatPlan(q.plan), '');
  }
  out.push('Verdicts:', ...report.verdicts.map((v) => `  ${v.ok ? 'OK ' : 'BAD'} ${v.text}`));
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [file, section, depth] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: npx tsx bench/explain.ts <dateline.sqlite> [section-path=/news] [depth=1000]\n');
    process.exit(2);
  }
  const report = await explain(path.resolve(file), section ?? '/news', depth ? Number(depth) : 1000);
  process.stdout.write(`${formatExplain(report)}\n`);
}
