import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { AuthorAdmin } from './author-admin.js';
import { SectionAdmin } from './section-admin.js';
import {
  AuthorCreateSchema,
  AuthorListSchema,
  AuthorPatchSchema,
  AuthorSchema,
  IdParams,
  SectionCreateSchema,
  SectionListSchema,
  SectionPatchSchema,
  SectionSchema,
  SectionUpdatedSchema,
  SponsorCreateSchema,
  SponsorListSchema,
  SponsorPatchSchema,
  SponsorSchema,
} from './settings-schemas.js';
import { SponsorAdmin } from './sponsor-admin.js';

/** Everyone signed in reads the lists: the story editor picks sections, bylines and sponsors from them. */
const ANYONE: readonly Role[] = ['admin', 'editor', 'writer', 'contributor'];
const EDITORS: readonly Role[] = ['admin', 'editor'];
const ADMINS: readonly Role[] = ['admin'];

const denied = { 401: ErrorSchema, 403: ErrorSchema };
const refused = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied };

/** Sections and the menu (admin), authors (editor+), sponsors (admin). */
export async function settingsModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const sections = new SectionAdmin(deps.store);
  const authors = new AuthorAdmin(deps.store);
  const sponsors = new SponsorAdmin(deps.store);

  app.get('/sections', { config: { roles: ANYONE }, schema: { tags: ['sections'], summary: 'Every section in menu order', response: { 200: SectionListSchema, ...denied } } }, async () => ({
    items: await sections.list(),
  }));
  app.post(
    '/sections',
    { config: { roles: ADMINS }, schema: { tags: ['sections'], summary: 'Add a section', body: SectionCreateSchema, response: { 201: SectionSchema, ...refused } } },
    async (request, reply) => reply.code(201).send(await sections.create(request.body)),
  );
  app.patch(
    '/sections/:id',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['sections'],
        summary: 'Rename, reorder or move a section',
        description:
          'A new slug or parent moves every story below the section to its new path in the same transaction (old paths redirect) and onto the new top-level front.',
        params: IdParams,
        body: SectionPatchSchema,
        response: { 200: SectionUpdatedSchema, ...refused },
      },
    },
    async (request) => {
      const { section, storiesMoved } = await sections.update(request.params.id, request.body, deps.clock());
      return { ...section, storiesMoved };
    },
  );

  app.get('/authors', { config: { roles: ANYONE }, schema: { tags: ['authors'], summary: 'Every author by name', response: { 200: AuthorListSchema, ...denied } } }, async () => ({
    items: await authors.list(),
  }));
  app.get(
    '/authors/:id',
    { config: { roles: ANYONE }, schema: { tags: ['authors'], summary: 'One author', params: IdParams, response: { 200: AuthorSchema, ...refused } } },
    async (request) => authors.get(request.params.id),
  );
  app.post(
    '/authors',
    { config: { roles: EDITORS }, schema: { tags: ['authors'], summary: 'Add an author', body: AuthorCreateSchema, response: { 201: AuthorSchema, ...refused } } },
    async (request, reply) => reply.code(201).send(await authors.create(request.body)),
  );
  app.patch(
    '/authors/:id',
    {
      config: { roles: EDITORS },
      schema: { tags: ['authors'], summary: 'Edit an author’s name, bio or picture', description: 'The slug (the author page’s address) stays.', params: IdParams, body: AuthorPatchSchema, response: { 200: AuthorSchema, ...refused } },
    },
    async (request) => authors.update(request.params.id, request.body),
  );

  app.get('/sponsors', { config: { roles: ANYONE }, schema: { tags: ['sponsors'], summary: 'Every sponsor by name', response: { 200: SponsorListSchema, ...denied } } }, async () => ({
    items: await sponsors.list(),
  }));
  app.post(
    '/sponsors',
    { config: { roles: ADMINS }, schema: { tags: ['sponsors'], summary: 'Add a sponsor', body: SponsorCreateSchema, response: { 201: SponsorSchema, ...refused } } },
    async (request, reply) => reply.code(201).send(await sponsors.create(request.body)),
  );
  app.patch(
    '/sponsors/:id',
    { config: { roles: ADMINS }, schema: { tags: ['sponsors'], summary: 'Edit a sponsor', params: IdParams, body: SponsorPatchSchema, response: { 200: SponsorSchema, ...refused } } },
    async (request) => sponsors.update(request.params.id, request.body),
  );
}
