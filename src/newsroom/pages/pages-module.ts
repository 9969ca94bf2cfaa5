import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { IdParams } from '../settings/settings-schemas.js';
import { PageAdmin } from './page-admin.js';
import { PageCreateSchema, PageListSchema, PagePatchSchema, PageSchema } from './page-schemas.js';

/** Pages speak for the whole newsroom (its ethics and corrections policies): editors write them, admins delete them. */
const EDITORS: readonly Role[] = ['admin', 'editor'];
const ADMINS: readonly Role[] = ['admin'];

const denied = { 401: ErrorSchema, 403: ErrorSchema };
const refused = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied };

/** Static pages: About, Contact, policies. */
export async function pagesModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const pages = new PageAdmin(deps.store);

  app.get('/pages', { config: { roles: EDITORS }, schema: { tags: ['pages'], summary: 'Every static page in footer order', response: { 200: PageListSchema, ...denied } } }, async () => ({
    items: await pages.list(),
  }));
  app.get(
    '/pages/:id',
    { config: { roles: EDITORS }, schema: { tags: ['pages'], summary: 'One static page', params: IdParams, response: { 200: PageSchema, ...refused } } },
    async (request) => pages.get(request.params.id),
  );
  app.post(
    '/pages',
    { config: { roles: EDITORS }, schema: { tags: ['pages'], summary: 'Add a static page', body: PageCreateSchema, response: { 201: PageSchema, ...refused } } },
    async (request, reply) => reply.code(201).send(await pages.create(request.body, deps.clock())),
  );
  app.patch(
    '/pages/:id',
    { config: { roles: EDITORS }, schema: { tags: ['pages'], summary: 'Edit a static page', params: IdParams, body: PagePatchSchema, response: { 200: PageSchema, ...refused } } },
    async (request) => pages.update(request.params.id, request.body, deps.clock()),
  );
  app.delete(
    '/pages/:id',
    { config: { roles: ADMINS }, schema: { tags: ['pages'], summary: 'Delete a static page', params: IdParams, response: { 204: Type.Null(), ...refused } } },
    async (request, reply) => {
      await pages.remove(request.params.id, deps.clock());
      return reply.code(204).send(null);
    },
  );
}
