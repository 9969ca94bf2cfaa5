import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema } from '../accounts/account-schemas.js';
import { denied, signedIn } from './article-routes.js';
import { AdminArticleSchema, WireParams, WireQueueSchema } from './article-schemas.js';
import { DESK } from './story-roles.js';
import type { StoryWorkflow } from './story-workflow.js';
import type { WireQueue } from './wire-queue.js';

const tags = ['wire queue'];

/** The wire queue: stories the wire rules held, to publish (after an edit, through PATCH /articles/:id, if need be) or discard; desk roles only, checked here on the server. */
export async function wireQueueRoutes(fastify: FastifyInstance, queue: WireQueue, workflow: StoryWorkflow, clock: () => Date): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/wire-queue',
    { config: { roles: DESK }, schema: { tags, summary: 'Wire stories held for an editor, newest first', response: { 200: WireQueueSchema, ...denied } } },
    async () => ({ items: await queue.list() }),
  );

  app.post(
    '/wire-queue/:articleId/publish',
    {
      config: { roles: DESK },
      schema: { tags, summary: 'Publish a held wire story', params: WireParams, response: { 200: AdminArticleSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied } },
    },
    async (request) => {
      await queue.check(request.params.articleId);
      const article = await workflow.act(signedIn(request), request.params.articleId, 'publish');
      await queue.published(request.params.articleId, clock());
      return article;
    },
  );

  app.post(
    '/wire-queue/:articleId/discard',
    {
      config: { roles: DESK },
      schema: {
        tags,
        summary: 'Take a held wire story off the queue without publishing it',
        description: 'The story is withheld and every version stays in the wire history; a later version from the agency brings it back.',
        params: WireParams,
        response: { 204: Type.Null(), 404: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      await queue.discard(request.params.articleId, clock());
      return reply.code(204).send(null);
    },
  );
}
