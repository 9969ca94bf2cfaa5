import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { DatelineError } from '../domain/errors.js';
import { isMediaKey, type MediaObject, type MediaObjectInfo, type MediaStore } from '../domain/media-store.js';

export interface S3Settings {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000 for MinIO; unset: AWS's own endpoint for the region. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (endpoint/bucket/key), which S3-compatible servers (MinIO, Ceph, Garage) need. */
  forcePathStyle: boolean;
}

/**
 * MEDIA_STORE=s3: picture bytes in an S3 bucket (AWS or any S3-compatible
 * server). Objects are written once under their content-addressed key, with
 * their type and a year of immutable caching, so a CDN in front of the
 * bucket could serve them as they are; Dateline itself still serves /media/.
 */
type Sdk = typeof import('@aws-sdk/client-s3');

export class S3MediaStore implements MediaStore {
  readonly kind = 's3' as const;
  private connection: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly settings: S3Settings) {}

  /** The AWS SDK is large: loaded on first use, so processes on the files or database store never load it. */
  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        ...(this.settings.endpoint && { endpoint: this.settings.endpoint }),
        region: this.settings.region,
        credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
        forcePathStyle: this.settings.forcePathStyle,
        // S3-compatible servers refuse the newer default checksums on upload; ask for them only when required.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.connection;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    if (!isMediaKey(key)) throw new Error(`"${key}" is not a media key.`);
    await this.call('write', key, ({ sdk, client }) =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      ),
    );
  }

  async get(key: string): Promise<MediaObject | undefined> {
    if (!isMediaKey(key)) return undefined;
    const out = await this.call('read', key, ({ sdk, client }) => client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key })));
    if (!out?.Body) return undefined;
    return { body: out.Body as Readable, contentType: out.ContentType ?? 'application/octet-stream', size: out.ContentLength ?? 0 };
  }

  async stat(key: string): Promise<MediaObjectInfo | undefined> {
    if (!isMediaKey(key)) return undefined;
    const out = await this.call('read', key, ({ sdk, client }) => client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key })));
    return out && { contentType: out.ContentType ?? 'application/octet-stream', size: out.ContentLength ?? 0 };
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    if (!isMediaKey(key)) return;
    await this.call('delete', key, ({ sdk, client }) => client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })));
  }

  async *keys(after = ''): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.call('list', '', ({ sdk, client }) =>
        client.send(
          new sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, ...(token ? { ContinuationToken: token } : { StartAfter: after || undefined }) }),
        ),
      );
      // A bucket shared with other things lists their keys too: only media keys are ours.
      for (const object of page?.Contents ?? []) if (object.Key && isMediaKey(object.Key) && object.Key > after) yield object.Key;
      token = page?.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    if (this.connection) (await this.connection).client.destroy();
  }

  /** Runs one request; a missing key is undefined, anything else a MEDIA_STORE_FAILED naming the bucket. */
  private async call<T>(what: string, key: string, send: (s3: { sdk: Sdk; client: S3Client }) => Promise<T>): Promise<T | undefined> {
    const s3 = await this.connect();
    try {
      return await send(s3);
    } catch (cause) {
      const error = cause as { name?: string; $metadata?: { httpStatusCode?: number }; message?: string };
      if (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404) {
        if (error.name === 'NoSuchBucket') throw noBucket(this.settings, cause);
        return undefined;
      }
      if (error.name === 'NoSuchBucket') throw noBucket(this.settings, cause);
      const where = this.settings.endpoint ?? `AWS S3 (${this.settings.region})`;
      throw new DatelineError('MEDIA_STORE_FAILED', `S3 could not ${what}${key ? ` ${key}` : ''} in bucket “${this.settings.bucket}” at ${where}: ${error.name ?? 'error'}: ${error.message ?? String(cause)}.`, {
        hint: 'Check S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that the server is up and the key may read and write the bucket.',
        cause,
      });
    }
  }
}

function noBucket(settings: S3Settings, cause: unknown): DatelineError {
  return new DatelineError('MEDIA_STORE_FAILED', `The S3 bucket “${settings.bucket}” does not exist at ${settings.endpoint ?? `AWS S3 (${settings.region})`}.`, {
    hint: 'Create the bucket first (e.g. `aws s3 mb s3://NAME` or your server’s console), or fix S3_BUCKET.',
    cause,
  });
}
