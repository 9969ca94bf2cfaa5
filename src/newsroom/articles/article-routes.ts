import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { ArticlePatchInput, SessionUser } from '../admin-api-contract.js';
import {
  AdminArticleSchema,
  ArticleCreateSchema,
  ArticleIdParams,
  ArticleListQuery,
  ArticleListSchema,
  ArticlePatchSchema,
} from './article-schemas.js';
import type { StoryDesk } from './story-desk.js';
import { ANY_ROLE } from './story-roles.js';

const tags = ['articles'];
export const denied = { 401: ErrorSchema, 403: ErrorSchema };
/** The guard ran first, so a route that names roles always has a user. */
export const signedIn = (request: FastifyRequest) => request.user as SessionUser;

/** Stories: list with filters and headline search, one story, a new draft, a save. */
export async function articleRoutes(fastify: FastifyInstance, stories: StoryDesk): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/articles',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'Stories, most recently changed first',
        description: 'Every status. Editors and admins see every story; writers and contributors the ones they made. Filters combine; q matches words of the headline.',
        querystring: ArticleListQuery,
        response: { 200: ArticleListSchema, 400: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const q = request.query;
      return stories.list(signedIn(request), {
        status: q.status,
        sectionId: q.section,
        authorId: q.author,
        label: q.label,
        q: q.q,
        cursor: q.cursor,
        limit: q.limit ?? 50,
      });
    },
  );

  app.post(
    '/articles',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'Start a new draft',
        description: 'Every field is optional: the headline defaults to "Untitled story", the section to the first one. The user who creates it owns it. Answers with revision 1.',
        body: ArticleCreateSchema,
        response: { 201: AdminArticleSchema, 400: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => reply.code(201).send(await stories.create(signedIn(request), request.body as never)),
  );

  app.get(
    '/articles/:id',
    {
      config: { roles: ANY_ROLE },
      schema: { tags, summary: 'One story as the editor edits it', params: ArticleIdParams, response: { 200: AdminArticleSchema, 404: ErrorSchema, ...denied } },
    },
    async (request) => stories.get(signedIn(request), request.params.id),
  );

  app.patch(
    '/articles/:id',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'Save changes (every save is a revision)',
        description:
          'Send the fields that changed and baseRevision, the revision your copy is based on. When someone saved since, nothing is written: 409 with details { currentRevision, changedFields, changedBy, article }. When someone else has the story open (its edit lock), 423 with details { lock }. Writers save their own drafts and submitted stories, contributors their own drafts.',
        params: ArticleIdParams,
        body: ArticlePatchSchema,
        response: { 200: AdminArticleSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 423: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const { baseRevision, ...fields } = request.body as ArticlePatchInput;
      return stories.save(signedIn(request), request.params.id, fields, baseRevision);
    },
  );
}
