import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * SQL lives in src/store only (issue 10, item 9). Features ask repositories
 * for what they need by intention (`store.schedule.claimDue(tx, now, key)`)
 * and may hold a transaction across calls, typed as the store's `Tx` or
 * `Executor`; the differences between SQLite and PostgreSQL are the store's
 * dialect object (`db.sql`), never a branch on the dialect's name in a
 * feature. So every module outside src/store, tests beside the code included:
 *
 * - imports nothing from `kysely`, not even a type (a type is how a query
 *   builder gets in: `Kysely<Database>` lets its holder write any SQL);
 * - imports neither the schema nor a table module of the store;
 * - never compares a database dialect (`db.dialect === 'postgres'`);
 * - never reaches the query builder without importing it: no `.kysely`
 *   (`store.db.kysely`, `const { kysely } = db`), no `.transaction()` of
 *   Kysely's (`store.transaction(work)` is the store's), and no query built on
 *   a `Tx` or `Executor` it holds (`tx.selectFrom(…)`, `.insertInto`,
 *   `.updateTable`, `.deleteFrom` …). A transaction is passed back to the
 *   store, never queried.
 *
 * Migrations and the store's own modules are the store; bench/ and test/
 * may open databases as they like.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modules(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const outsideStore = modules(SRC)
  .map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }))
  .filter(({ file }) => !file.startsWith(`store${path.sep}`));

/** Every module specifier of static imports, export-froms and dynamic import()s, with the line it is on. */
function specifiers(text: string): Array<{ specifier: string; line: number }> {
  const found = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  return found.map((match) => ({
    specifier: (match[1] ?? match[2] ?? match[3]) as string,
    line: text.slice(0, match.index).split('\n').length,
  }));
}

/** `db.dialect === 'postgres'`, `store.db.dialect !== 'sqlite'`, `'sqlite' === dialect` … */
const DIALECT_BRANCH = /\.dialect\s*[!=]==?|\bdialect\s*[!=]==?\s*['"`](?:sqlite|postgres)['"`]|['"`](?:sqlite|postgres)['"`]\s*[!=]==?\s*[\w.]*dialect\b/;

/** `store.db.kysely`, `{ kysely } = db`, Kysely's `.transaction()` and the query builder's entry points, on any object. */
const BUILDER_ACCESS =
  /\.kysely\b|\{[^}]*\bkysely\b[^}]*\}\s*=|\.transaction\(\s*\)|\.(?:selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery)\s*\(/;

/**
 * Modules that still build queries outside the store while they move into it.
 * The test fails when one of them no longer does, so the list only shrinks.
 * Empty since issue 10, item 9 moved the last of them: a new offender is
 * fixed, not listed.
 */
const STILL_MOVING: readonly string[] = [];

/**
 * Inside the store, the differences go through the dialect object (db.sql)
 * too. sql-dialect.ts is where they live; a migration runs once, against one
 * database, and names column types by it. Full-text search is the one place
 * left that is two implementations (FTS5 and tsvector ranking), listed here
 * until it becomes a dialect of its own.
 */
const STORE_BRANCHES_KNOWN: readonly string[] = ['related-repo.ts', 'search-queries.ts'];

const storeModules = modules(path.join(SRC, 'store'))
  .map((file) => ({ file: path.relative(path.join(SRC, 'store'), file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }))
  .filter(({ file }) => !file.startsWith('migrations/') && file !== 'sql-dialect.ts');

describe('SQL lives in src/store', () => {
  it('checks the modules outside the store', () => {
    expect(outsideStore.length).toBeGreaterThan(300);
  });

  it('has no module outside src/store importing kysely', () => {
    const offenders = outsideStore.flatMap(({ file, text }) =>
      specifiers(text)
        .filter(({ specifier }) => specifier === 'kysely' || specifier.startsWith('kysely/'))
        .map(({ line }) => `${file}:${line} imports kysely (ask a repository in src/store; hold a transaction as the store's Tx)`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no module outside src/store importing the schema or a table module', () => {
    const offenders = outsideStore.flatMap(({ file, text }) =>
      specifiers(text)
        .filter(({ specifier }) => /(?:^|\/)store\/(?:schema|[\w-]+-tables)\.js$/.test(specifier))
        .map(({ specifier, line }) => `${file}:${line} imports ${specifier} (a row type the store exports, e.g. ArticleRow, fits instead)`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no module outside src/store branching on the database dialect', () => {
    const offenders = outsideStore.flatMap(({ file, text }) =>
      text
        .split('\n')
        .flatMap((line, i) => (DIALECT_BRANCH.test(line) ? [`${file}:${i + 1} ${line.trim()} (put the difference in the store's dialect object, src/store/sql-dialect.ts)`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('has no module outside src/store reaching the query builder', () => {
    const offenders = outsideStore
      .filter(({ file }) => !STILL_MOVING.includes(file.split(path.sep).join('/')))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .flatMap((line, i) => (BUILDER_ACCESS.test(line) ? [`${file}:${i + 1} ${line.trim()} (ask a repository in src/store by intention; pass a Tx back to it)`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('lists only modules still moving', () => {
    const moved = STILL_MOVING.filter((file) => {
      const module = outsideStore.find((m) => m.file.split(path.sep).join('/') === file);
      return module === undefined || !module.text.split('\n').some((line) => BUILDER_ACCESS.test(line));
    });
    expect(moved, 'these no longer reach the query builder: take them off STILL_MOVING').toEqual([]);
  });

  it('has no store module outside the dialect object and the migrations branching on the dialect\'s name', () => {
    const offenders = storeModules
      .filter(({ file }) => !STORE_BRANCHES_KNOWN.includes(file))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .flatMap((line, i) => (DIALECT_BRANCH.test(line) ? [`store/${file}:${i + 1} ${line.trim()} (ask db.sql, src/store/sql-dialect.ts)`] : [])),
      );
    expect(offenders).toEqual([]);
    const stale = STORE_BRANCHES_KNOWN.filter((file) => !storeModules.some((m) => m.file === file && m.text.split('\n').some((line) => DIALECT_BRANCH.test(line))));
    expect(stale, 'these no longer branch on the dialect: take them off STORE_BRANCHES_KNOWN').toEqual([]);
  });

  it('recognises what it forbids', () => {
    expect(specifiers("import type { Kysely } from 'kysely';\nconst x = await import('kysely');").map((s) => s.specifier)).toEqual(['kysely', 'kysely']);
    expect(DIALECT_BRANCH.test("if (store.db.dialect === 'postgres') {")).toBe(true);
    expect(DIALECT_BRANCH.test("dialect !== 'sqlite'")).toBe(true);
    expect(DIALECT_BRANCH.test("'postgres' === db.dialect")).toBe(true);
    for (const line of [
      'const rows = await this.store.db.kysely',
      'const { kysely } = store.db;',
      'await store.db.kysely.transaction().execute(async (trx) => {',
      "await trx.updateTable('articles').set({ revision: 2 })",
      "const row = await exec.selectFrom('users').select('author_id')",
      '      .insertInto(\'preview_links\')',
    ]) {
      expect(BUILDER_ACCESS.test(line), line).toBe(true);
    }
    expect(BUILDER_ACCESS.test('await store.transaction(async (tx) => {')).toBe(false);
    expect(BUILDER_ACCESS.test('await store.revisions.list(storyId);')).toBe(false);
    // A JSON Schema's dialect (wire/formats/ninjs-schemas.ts) is not a database's.
    expect(DIALECT_BRANCH.test("if (dialect === '2020') {")).toBe(false);
  });
});
