import { DatelineError } from '../domain/errors.js';
import { MEDIA_STORE_KINDS, type MediaStoreKind } from '../domain/media-store.js';
import type { S3Settings } from './s3-media-store.js';

/** Where picture bytes live, as MEDIA_STORE, MEDIA_STORE_FALLBACK and the S3_* settings say. */
export interface MediaConfig {
  /** MEDIA_STORE: files (default on SQLite), database (default on PostgreSQL) or s3. */
  store: MediaStoreKind;
  /** MEDIA_STORE_FALLBACK: a store reads fall back to while a library moves (`dateline media migrate`); unset: none. */
  fallback: MediaStoreKind | undefined;
  /** Set when either store is s3. */
  s3: S3Settings | undefined;
}

type Env = Record<string, string | undefined>;

function invalid(message: string, hint: string): never {
  throw new DatelineError('CONFIG_INVALID', message, { hint });
}

function kind(env: Env, name: string): MediaStoreKind | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (!(MEDIA_STORE_KINDS as readonly string[]).includes(raw)) {
    invalid(`${name} is "${env[name]}", which is not a media store.`, `Set ${name} to files, database or s3.`);
  }
  return raw as MediaStoreKind;
}

/**
 * Reads the media store settings. A cluster must not default to files (each
 * node would have its own folder), so PostgreSQL defaults to database; s3
 * needs its bucket and keys, and says which are missing.
 */
export function readMediaConfig(env: Env, databaseUrl: string | undefined): MediaConfig {
  const store = kind(env, 'MEDIA_STORE') ?? (databaseUrl ? 'database' : 'files');
  const fallback = kind(env, 'MEDIA_STORE_FALLBACK');
  if (fallback === store) {
    invalid(`MEDIA_STORE_FALLBACK is "${fallback}", the same store as MEDIA_STORE.`, 'Set MEDIA_STORE_FALLBACK to the store the library is moving from, or unset it.');
  }
  const s3 = store === 's3' || fallback === 's3' ? readS3Settings(env, store === 's3' ? 'MEDIA_STORE=s3' : 'MEDIA_STORE_FALLBACK=s3') : undefined;
  return { store, fallback, s3 };
}

/** The S3_* settings, checked; `because` names what needs them in the error ("MEDIA_STORE=s3", "--to s3"). */
export function readS3Settings(env: Env, because: string): S3Settings {
  const value = (name: string) => env[name]?.trim() || undefined;
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !value(name));
  if (missing.length > 0) {
    invalid(
      `${because} needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not set.`,
      'Set S3_BUCKET to the bucket, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY to a key that may read and write it, S3_REGION (default us-east-1) and, for an S3-compatible server, S3_ENDPOINT.',
    );
  }
  const endpoint = value('S3_ENDPOINT')?.replace(/\/+$/, '');
  if (endpoint) {
    let protocol = '';
    try {
      protocol = new URL(endpoint).protocol;
    } catch {
      // Reported below.
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      invalid(`S3_ENDPOINT is "${endpoint}", which is not an http(s) URL.`, 'Set S3_ENDPOINT to the server’s address, such as http://127.0.0.1:9000, or unset it for AWS S3.');
    }
  }
  const bucket = value('S3_BUCKET') as string;
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, the part a typo breaks.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    invalid(`S3_BUCKET is "${bucket}", which is not a bucket name.`, 'Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens.');
  }
  const pathStyle = value('S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && !['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'].includes(pathStyle)) {
    invalid(`S3_FORCE_PATH_STYLE is "${env.S3_FORCE_PATH_STYLE}", which is neither true nor false.`, 'Set S3_FORCE_PATH_STYLE to true or false.');
  }
  return {
    endpoint,
    bucket,
    region: value('S3_REGION') ?? 'us-east-1',
    accessKeyId: value('S3_ACCESS_KEY_ID') as string,
    secretAccessKey: value('S3_SECRET_ACCESS_KEY') as string,
    // S3-compatible servers mostly need path-style addressing; AWS prefers virtual hosts.
    forcePathStyle: pathStyle === undefined ? endpoint !== undefined : ['1', 'true', 'yes', 'on'].includes(pathStyle),
  };
}
