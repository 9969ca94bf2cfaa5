import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * PostgreSQL: keeps each story's search vector in its row instead of the
 * TOAST table. A vector (~1.2 KB for a short story) barely compresses, so the
 * default storage moved it out of line whenever the row passed ~2 KB, and a
 * search that tests stories newest first fetched every vector from TOAST:
 * about three buffer reads and 7 µs a story, 80% of a common word's search.
 * With `main` storage the bodies move out of line instead, and a vector stays
 * in its row up to about a page (docs/benchmarks.md, "Search").
 *
 * Storage applies to rows as they are written, so the table is rewritten
 * (CLUSTER re-toasts every row and rebuilds the indexes; about 4 s for 100,000
 * stories, with writes and reads of articles blocked meanwhile). SQLite: nothing to do.
 */
export function searchSpeed(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table articles alter column search_vector set storage main`.execute(db);
      await sql`cluster articles using articles_pkey`.execute(db);
      // The rewrite was a one-off: a later bare CLUSTER need not reorder this table again.
      await sql`alter table articles set without cluster`.execute(db);
    },
  };
}
