import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DatelineError } from '../../domain/errors.js';
import { IMPORT_JOB, type ImportPayload, type ImportProgress, progressKey } from '../../importers/import-job.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { IdParams } from '../settings/settings-schemas.js';

/** Bringing in a whole archive changes the whole site: admins only. */
const ADMINS: readonly Role[] = ['admin'];
const denied = { 401: ErrorSchema, 403: ErrorSchema };

/** A WordPress export of a large site runs to a gigabyte or two; the file is streamed to disk, never held in memory. */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

const StartedSchema = Type.Object({ jobId: Type.Integer() });
const ProgressSchema = Type.Object({
  jobId: Type.Integer(),
  state: Type.String({ description: 'waiting, running, done, failed or cancelled' }),
  done: Type.Integer(),
  total: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

/** The Import screen's API: upload an export or give a URL, then poll the job's progress and summary. */
export async function importsModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  await fastify.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2 } });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, config } = deps;

  app.post(
    '/imports',
    {
      config: { roles: ADMINS },
      validatorCompiler: () => () => true,
      schema: {
        tags: ['imports'],
        summary: 'Upload a WordPress (.xml) or Ghost (.json) export and import it in the background',
        consumes: ['multipart/form-data'],
        response: { 202: StartedSchema, 400: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      const folder = path.join(config.dataDir, 'imports');
      await mkdir(folder, { recursive: true });
      let payload: ImportPayload | undefined;
      for await (const part of request.parts()) {
        if (part.type !== 'file' || part.fieldname !== 'file') throw new DatelineError('BAD_INPUT', `The upload has an unexpected part “${part.fieldname}”.`, { hint: 'Send the export as multipart/form-data in a part named “file”.' });
        const kind = /\.json$/i.test(part.filename) ? 'ghost' : /\.xml$/i.test(part.filename) ? 'wordpress' : null;
        if (!kind) {
          part.file.resume();
          throw new DatelineError('BAD_INPUT', `“${part.filename}” is neither a WordPress export (.xml) nor a Ghost export (.json).`, { hint: 'Export with WordPress’s Tools → Export, or Ghost’s Settings → Labs → Export.' });
        }
        const file = path.join(folder, `${randomUUID()}.${kind === 'ghost' ? 'json' : 'xml'}`);
        await pipeline(part.file, createWriteStream(file));
        if (part.file.truncated) {
          await rm(file, { force: true });
          throw new DatelineError('TOO_LARGE', `“${part.filename}” is larger than the ${MAX_UPLOAD_BYTES / 1024 ** 3} GB the Import screen takes.`, { hint: 'Run `dateline import` on the server instead.' });
        }
        payload = { kind, file, name: part.filename };
      }
      if (!payload) throw new DatelineError('BAD_INPUT', 'The upload has no file.', { hint: 'Send the export in a part named “file”.' });
      const jobId = await store.jobs.enqueue(store.db.kysely, { kind: IMPORT_JOB, payload }, deps.clock());
      return reply.code(202).send({ jobId: jobId as number });
    },
  );

  app.post(
    '/imports/url',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['imports'],
        summary: 'Import one article from its URL in the background',
        body: Type.Object({ url: Type.String({ pattern: '^https?://', maxLength: 2000 }), publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 202: StartedSchema, 400: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      const payload: ImportPayload = { kind: 'url', url: request.body.url, publish: request.body.publish ?? false };
      const jobId = await store.jobs.enqueue(store.db.kysely, { kind: IMPORT_JOB, payload }, deps.clock());
      return reply.code(202).send({ jobId: jobId as number });
    },
  );

  app.get(
    '/imports/:id',
    { config: { roles: ADMINS }, schema: { tags: ['imports'], summary: 'How far an import is, and its summary when done', params: IdParams, response: { 200: ProgressSchema, 404: ErrorSchema, ...denied } } },
    async (request) => {
      const job = await store.db.kysely.selectFrom('jobs').select(['id', 'state', 'last_error']).where('id', '=', request.params.id).where('kind', '=', IMPORT_JOB).executeTakeFirst();
      if (!job) throw new DatelineError('NOT_FOUND', `There is no import with id ${request.params.id}.`);
      const raw = await store.meta.get(progressKey(job.id));
      const progress: ImportProgress = raw ? JSON.parse(raw) : { done: 0, total: 0, summary: null, error: null };
      return {
        jobId: job.id,
        state: job.state,
        done: progress.done,
        total: progress.total,
        error: progress.error ?? (job.state === 'failed' ? job.last_error : null),
        summary: progress.summary as unknown as Record<string, unknown> | null,
      };
    },
  );
}
