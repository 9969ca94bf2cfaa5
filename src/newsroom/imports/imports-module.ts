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

/** The form fields an archive upload may carry besides the file (see importOptions). */
const OPTION_FIELDS = new Set(['statuses', 'uncategorizedSection', 'ghostUrl']);

/** How many past imports the screen lists. */
const HISTORY = 20;

const PastImportSchema = Type.Object({
  jobId: Type.Integer(),
  state: Type.String(),
  kind: Type.String({ description: 'wordpress, ghost or url' }),
  name: Type.String({ description: 'The uploaded file’s name or the article’s address' }),
  startedAt: Type.Integer({ description: 'Epoch milliseconds' }),
  finishedAt: Type.Union([Type.Integer(), Type.Null()]),
  created: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
  notImported: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

/**
 * The archive's payload from the upload's fields, each checked: a wrong
 * option is refused before any work starts, with what to send instead.
 */
async function importOptions(upload: { kind: 'wordpress' | 'ghost'; file: string; name: string }, fields: Map<string, string>, store: NewsroomDeps['store']): Promise<ImportPayload> {
  const statuses = fields.get('statuses') || 'as-is';
  const section = fields.get('uncategorizedSection') || '';
  const ghostUrl = fields.get('ghostUrl') || '';
  if (upload.kind === 'ghost') {
    if (fields.get('statuses') === 'drafts' || section) {
      throw new DatelineError('BAD_INPUT', 'Drafts-only and a section for uncategorized posts apply to WordPress exports, not Ghost ones.', { hint: 'Leave those options empty for a Ghost export.' });
    }
    if (ghostUrl) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(ghostUrl);
      } catch {}
      if (!parsed || !/^https?:$/.test(parsed.protocol)) {
        throw new DatelineError('BAD_INPUT', `“${ghostUrl.slice(0, 100)}” is not an http(s) address.`, { hint: 'Give the Ghost site’s address, such as https://blog.example.com.' });
      }
    }
    return { ...upload, kind: 'ghost', ...(ghostUrl ? { ghostUrl } : {}) };
  }
  if (ghostUrl) throw new DatelineError('BAD_INPUT', 'A Ghost site address applies to Ghost exports (.json), not WordPress ones.', { hint: 'Leave the Ghost address empty for a WordPress export.' });
  if (statuses !== 'as-is' && statuses !== 'drafts') throw new DatelineError('BAD_INPUT', `statuses is “${statuses.slice(0, 40)}”; it must be “as-is” or “drafts”.`);
  if (section && !(await store.sections.bySlug(section))) {
    throw new DatelineError('BAD_INPUT', `There is no section “${section.slice(0, 60)}”.`, { hint: 'Pick one of the site’s sections, or leave it empty to have an “Uncategorized” section made.' });
  }
  return { ...upload, kind: 'wordpress', statuses, ...(section ? { uncategorizedSection: section } : {}) };
}

/** The Import screen's API: upload an export or give a URL, then poll the job's progress and summary. */
export async function importsModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  await fastify.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: OPTION_FIELDS.size, fieldSize: 4096 } });
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
      let payload: ImportPayload;
      let upload: { kind: 'wordpress' | 'ghost'; file: string; name: string } | undefined;
      const fields = new Map<string, string>();
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (!OPTION_FIELDS.has(part.fieldname)) throw new DatelineError('BAD_INPUT', `The upload has an unexpected field “${part.fieldname}”.`, { hint: `Send only the file and ${[...OPTION_FIELDS].join(', ')}.` });
            fields.set(part.fieldname, String(part.value ?? '').trim());
            continue;
          }
          if (part.fieldname !== 'file' || upload) {
            part.file.resume();
            throw new DatelineError('BAD_INPUT', `The upload has an unexpected part “${part.fieldname}”.`, { hint: 'Send the export as multipart/form-data in one part named “file”.' });
          }
          const kind = /\.json$/i.test(part.filename) ? 'ghost' : /\.xml$/i.test(part.filename) ? 'wordpress' : null;
          if (!kind) {
            part.file.resume();
            throw new DatelineError('BAD_INPUT', `“${part.filename}” is neither a WordPress export (.xml) nor a Ghost export (.json).`, { hint: 'Export with WordPress’s Tools → Export, or Ghost’s Settings → Labs → Export.' });
          }
          const file = path.join(folder, `${randomUUID()}.${kind === 'ghost' ? 'json' : 'xml'}`);
          upload = { kind, file, name: part.filename };
          await pipeline(part.file, createWriteStream(file));
          if (part.file.truncated) throw new DatelineError('TOO_LARGE', `“${part.filename}” is larger than the ${MAX_UPLOAD_BYTES / 1024 ** 3} GB the Import screen takes.`, { hint: 'Run `dateline import` on the server instead.' });
        }
        if (!upload) throw new DatelineError('BAD_INPUT', 'The upload has no file.', { hint: 'Send the export in a part named “file”.' });
        payload = await importOptions(upload, fields, store);
      } catch (error) {
        // A refused upload leaves nothing behind on the server's disk.
        if (upload) await rm(upload.file, { force: true });
        throw error;
      }
      const jobId = await store.jobs.add({ kind: IMPORT_JOB, payload }, deps.clock());
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
      const jobId = await store.jobs.add({ kind: IMPORT_JOB, payload }, deps.clock());
      return reply.code(202).send({ jobId: jobId as number });
    },
  );

  app.get(
    '/imports',
    { config: { roles: ADMINS }, schema: { tags: ['imports'], summary: `The last ${HISTORY} imports, newest first, with what each brought in`, response: { 200: Type.Array(PastImportSchema), ...denied } } },
    async () => {
      const jobs = await store.jobs.list({ kind: IMPORT_JOB, limit: HISTORY });
      const progress = await Promise.all(jobs.map((job) => store.meta.get(progressKey(job.id))));
      return jobs.map((job, i) => {
        const payload = job.payload as ImportPayload;
        const raw = progress[i];
        const known: ImportProgress | null = raw ? JSON.parse(raw) : null;
        return {
          jobId: job.id,
          state: job.state,
          kind: payload.kind,
          name: payload.kind === 'url' ? payload.url : payload.name,
          startedAt: job.createdAt.getTime(),
          finishedAt: job.finishedAt?.getTime() ?? null,
          created: known?.summary ? (known.summary.created as unknown as Record<string, number>) : null,
          notImported: known?.summary ? known.summary.notImported.length : null,
          error: known?.error ?? (job.state === 'failed' ? job.lastError : null),
        };
      });
    },
  );

  app.get(
    '/imports/:id',
    { config: { roles: ADMINS }, schema: { tags: ['imports'], summary: 'How far an import is, and its summary when done', params: IdParams, response: { 200: ProgressSchema, 404: ErrorSchema, ...denied } } },
    async (request) => {
      const job = await store.jobs.byId(request.params.id);
      if (job?.kind !== IMPORT_JOB) throw new DatelineError('NOT_FOUND', `There is no import with id ${request.params.id}.`);
      const raw = await store.meta.get(progressKey(job.id));
      const progress: ImportProgress = raw ? JSON.parse(raw) : { done: 0, total: 0, summary: null, error: null };
      return {
        jobId: job.id,
        state: job.state,
        done: progress.done,
        total: progress.total,
        error: progress.error ?? (job.state === 'failed' ? job.lastError : null),
        summary: progress.summary as unknown as Record<string, unknown> | null,
      };
    },
  );
}
