import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';

export const migrateUsage = `Usage: dateline migrate

Creates the database if needed and applies every migration not yet applied.
Runs on the SQLite file in DATA_DIR, or on PostgreSQL when DATABASE_URL is set.

Options:
  -h, --help   show this help
`;

export async function migrateCommand(argv: string[]): Promise<void> {
  let help = false;
  try {
    help = Boolean(parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } }).values.help);
  } catch (error) {
    usageError((error as Error).message, migrateUsage);
  }
  if (help) {
    process.stdout.write(migrateUsage);
    return;
  }
  try {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const { applied } = await migrate(db);
    await db.close();
    process.stdout.write(
      applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n',
    );
  } catch (error) {
    exitWithError(error);
  }
}
