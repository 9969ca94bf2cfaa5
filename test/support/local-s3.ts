import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  /** Environment for loadConfig: MEDIA_STORE=s3 against this server. */
  env: Record<string, string>;
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/**
 * An S3-compatible server on loopback (s3rver, files in a temporary folder)
 * with one empty bucket, so the s3 media store is tested against real HTTP
 * requests signed as AWS signs them.
 */
export async function startLocalS3(bucket = 'dateline-media'): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'dateline-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    // s3rver accepts any key pair; these are the ones its documentation uses.
    env: { MEDIA_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
