import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { openMediaStore } from '../media/open-media-store.js';
import { createStore, migrate, openDatabase, type Store } from '../store/index.js';

/** Checks the data directory, opens the database and brings its schema up to date. */
export async function openStore(config: Readonly<Config>): Promise<Store> {
  const mediaDir = path.join(config.dataDir, 'media');
  try {
    await mkdir(mediaDir, { recursive: true });
    await access(config.dataDir, constants.W_OK);
    await access(mediaDir, constants.W_OK);
  } catch (cause) {
    throw new DatelineError('DATA_DIR_UNWRITABLE', `The data directory ${config.dataDir} cannot be created or written (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Set DATA_DIR to a folder this user can write, or fix its permissions.',
      cause,
    });
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  // Picture bytes go where MEDIA_STORE says (files, the database, S3); every part of Dateline reaches them through the store.
  return createStore(db, { mediaStore: openMediaStore(config, db) });
}
