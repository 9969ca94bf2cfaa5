import type { Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { initialSchema } from './0001-initial.js';
import { articleEvents } from './0002-article-events.js';

/** Every migration in order. Names sort in the order they run. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(dialect),
    '0002-article-events': articleEvents(dialect),
  };
}
