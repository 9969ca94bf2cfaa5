import { type MigrationResult, Migrator } from 'kysely';
import type { Db } from './database.js';
import { migrationsFor } from './migrations/index.js';

export interface MigrateOutcome {
  applied: string[];
}

/** Brings the schema up to date; safe to run at every start and from several nodes. */
export async function migrate(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrationsFor(db.dialect) },
    // Features land in parallel, each with its own numbered migration: one merged after a higher
    // number already ran (on a developer's database) still runs, instead of refusing to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
