import path from 'node:path';
import type { Config } from '../config.js';
import type { MediaStore, MediaStoreKind } from '../domain/media-store.js';
import type { Db } from '../store/database.js';
import { DatabaseMediaStore } from '../store/database-media-store.js';
import { MediaObjectRepo } from '../store/media-object-repo.js';
import { FallbackMediaStore } from './fallback-media-store.js';
import { FilesMediaStore } from './files-media-store.js';
import { S3MediaStore } from './s3-media-store.js';

/** The store of one kind, as the configuration describes it. */
export function mediaStoreOfKind(kind: MediaStoreKind, config: Pick<Config, 'dataDir' | 'media'>, db: Db): MediaStore {
  if (kind === 'files') return new FilesMediaStore(path.join(config.dataDir, 'media'));
  if (kind === 'database') return new DatabaseMediaStore(new MediaObjectRepo(db));
  if (!config.media.s3) throw new Error('MEDIA_STORE=s3 without S3 settings: loadConfig should have refused this.');
  return new S3MediaStore(config.media.s3);
}

/** The configured store (MEDIA_STORE), reading through to MEDIA_STORE_FALLBACK when one is set. */
export function openMediaStore(config: Pick<Config, 'dataDir' | 'media'>, db: Db, onError?: (error: unknown) => void): MediaStore {
  const primary = mediaStoreOfKind(config.media.store, config, db);
  if (!config.media.fallback) return primary;
  return new FallbackMediaStore(primary, mediaStoreOfKind(config.media.fallback, config, db), onError);
}
