import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role, SessionUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { IdParams } from '../settings/settings-schemas.js';
import { MediaLibrary } from './media-library.js';
import { MediaListSchema, MediaPatchSchema, MediaQuery, MediaSchema, MediaUploadForm } from './media-schemas.js';
import { acceptUpload } from './media-upload.js';
import { readUpload } from './read-upload.js';

/** Anyone signed in may upload and pick pictures (a contributor's draft has pictures too). */
const ANYONE: readonly Role[] = ['admin', 'editor', 'writer', 'contributor'];
/** Library metadata is shared by every story that uses the picture: writers and up edit it. */
const WRITERS: readonly Role[] = ['admin', 'editor', 'writer'];

const denied = { 401: ErrorSchema, 403: ErrorSchema };
const tags = ['media'];

/** The media library: upload (multipart), list and search, edit caption, credit, source and alt text. */
export async function mediaModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const maxBytes = deps.config.mediaMaxUploadBytes;
  // Registered in this module's scope only: no other admin route accepts multipart bodies.
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 8, parts: 10, fieldSize: 16 * 1024 },
  });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const library = new MediaLibrary(deps.store);
  // Bytes go to the configured media store; AVIF renditions follow as a durable job (media.avif).
  const uploadDeps = { store: deps.store, clock: deps.clock };

  app.get(
    '/media',
    { config: { roles: ANYONE }, schema: { tags, summary: 'The media library, newest first', querystring: MediaQuery, response: { 200: MediaListSchema, 400: ErrorSchema, ...denied } } },
    async (request) => library.list(request.user as SessionUser, { q: request.query.q, cursor: request.query.cursor, limit: request.query.limit ?? 40 }),
  );

  app.get(
    '/media/:id',
    { config: { roles: ANYONE }, schema: { tags, summary: 'One picture', params: IdParams, response: { 200: MediaSchema, 404: ErrorSchema, ...denied } } },
    async (request) => library.get(request.params.id, request.user as SessionUser),
  );

  app.post(
    '/media',
    {
      config: { roles: ANYONE },
      // The form is documented here and read (and checked) by readUpload, not by the JSON validator.
      validatorCompiler: () => () => true,
      schema: {
        tags,
        summary: 'Upload a picture',
        description: `multipart/form-data with one file (at most ${Math.round(maxBytes / 1024 / 1024)} MB) and optional caption, credit, source and alt; fields left empty are filled from the file's IPTC/XMP metadata, which the answer's \`embedded\` reports. The file is decoded: anything that is not a JPEG, PNG, WebP, AVIF or GIF picture is refused with 400 whatever its name; a file over the limit gets 413.`,
        consumes: ['multipart/form-data'],
        body: MediaUploadForm,
        response: { 201: MediaSchema, 400: ErrorSchema, 413: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      const { file, fields } = await readUpload(request, maxBytes);
      const { id, embedded } = await acceptUpload(uploadDeps, file, fields);
      return reply.code(201).send({ ...(await library.get(id)), embedded });
    },
  );

  app.patch(
    '/media/:id',
    {
      config: { roles: WRITERS },
      schema: { tags, summary: 'Edit caption, credit, source, alt text or focal point', params: IdParams, body: MediaPatchSchema, response: { 200: MediaSchema, 400: ErrorSchema, 404: ErrorSchema, ...denied } },
    },
    async (request) => library.update(request.user as SessionUser, request.params.id, request.body, deps.clock()),
  );
}
