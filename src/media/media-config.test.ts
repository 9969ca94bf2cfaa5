import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';

const S3 = { S3_BUCKET: 'dateline-media', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret' };

function refused(env: Record<string, string>): DatelineError {
  try {
    loadConfig({ DATA_DIR: '/tmp/dateline-config-test', ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(DatelineError);
    expect((error as DatelineError).code).toBe('CONFIG_INVALID');
    return error as DatelineError;
  }
  throw new Error('loadConfig accepted it');
}

describe('media store settings', () => {
  it('defaults to files on SQLite and to the database on PostgreSQL', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).media).toEqual({ store: 'files', fallback: undefined, s3: undefined });
    expect(loadConfig({ DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://db/dateline' }).media.store).toBe('database');
    expect(loadConfig({ DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://db/dateline', MEDIA_STORE: 'files' }).media.store).toBe('files');
  });

  it('reads S3 settings, path-style by default only for a custom endpoint', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x', MEDIA_STORE: 's3', ...S3 }).media.s3).toEqual({
      endpoint: undefined,
      bucket: 'dateline-media',
      region: 'us-east-1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
    const minio = loadConfig({ DATA_DIR: '/tmp/x', MEDIA_STORE: 'S3', S3_ENDPOINT: 'http://minio.internal:9000/', S3_REGION: 'eu-west-1', ...S3 }).media.s3;
    expect(minio).toMatchObject({ endpoint: 'http://minio.internal:9000', region: 'eu-west-1', forcePathStyle: true });
    expect(loadConfig({ DATA_DIR: '/tmp/x', MEDIA_STORE: 's3', S3_ENDPOINT: 'http://m:9000', S3_FORCE_PATH_STYLE: 'false', ...S3 }).media.s3?.forcePathStyle).toBe(false);
  });

  it('names what is missing or wrong', () => {
    expect(refused({ MEDIA_STORE: 'nfs' }).message).toBe('MEDIA_STORE is "nfs", which is not a media store.');
    expect(refused({ MEDIA_STORE: 's3' }).message).toBe('MEDIA_STORE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, which are not set.');
    expect(refused({ MEDIA_STORE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' }).message).toBe('MEDIA_STORE=s3 needs S3_SECRET_ACCESS_KEY, which is not set.');
    expect(refused({ MEDIA_STORE_FALLBACK: 's3' }).message).toContain('MEDIA_STORE_FALLBACK=s3 needs S3_BUCKET');
    expect(refused({ MEDIA_STORE: 's3', ...S3, S3_ENDPOINT: 'minio:9000' }).message).toContain('S3_ENDPOINT is "minio:9000", which is not an http(s) URL.');
    expect(refused({ MEDIA_STORE: 's3', ...S3, S3_BUCKET: 'My_Bucket' }).message).toContain('S3_BUCKET is "My_Bucket", which is not a bucket name.');
    expect(refused({ MEDIA_STORE: 's3', ...S3, S3_FORCE_PATH_STYLE: 'maybe' }).message).toContain('S3_FORCE_PATH_STYLE');
    expect(refused({ MEDIA_STORE: 'files', MEDIA_STORE_FALLBACK: 'files' }).message).toContain('the same store as MEDIA_STORE');
    expect(refused({ MEDIA_STORE: 's3' }).hint).toContain('S3_ENDPOINT');
  });
});
