import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema } from '../accounts/account-schemas.js';
import { denied, signedIn } from './article-routes.js';
import { ArticleIdParams, EditLockSchema, LockStateSchema } from './article-schemas.js';
import { seesEveryStory } from './story-access.js';
import type { StoryDesk } from './story-desk.js';
import { lockedError } from './story-errors.js';
import { ANY_ROLE, DESK } from './story-roles.js';

const tags = ['locks'];

/**
 * Edit locks: the editor takes one when it opens a story and refreshes it
 * every 30 s; others see who has it. Editors may take it over. Saves by
 * anyone but the holder get 423 while it lasts.
 */
export async function lockRoutes(fastify: FastifyInstance, stories: StoryDesk, clock: () => Date): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = ArticleIdParams;

  app.get(
    '/articles/:id/lock',
    { config: { roles: ANY_ROLE }, schema: { tags, summary: 'Who has the story open', params, response: { 200: LockStateSchema, 404: ErrorSchema, ...denied } } },
    async (request) => {
      await stories.get(signedIn(request), request.params.id);
      return { lock: await stories.locks.current(request.params.id, clock()) };
    },
  );

  app.post(
    '/articles/:id/lock',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'Take or refresh the edit lock',
        description: 'Lasts 90 s unless refreshed. When someone else holds it: 423 with details { lock } naming them.',
        params,
        response: { 200: EditLockSchema, 404: ErrorSchema, 423: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const user = signedIn(request);
      await stories.get(user, request.params.id);
      const taken = await stories.locks.take(request.params.id, { id: user.id, name: user.name }, clock());
      if (!taken.ok) throw lockedError(taken.lock, seesEveryStory(user.role));
      return taken.lock;
    },
  );

  app.post(
    '/articles/:id/lock/take-over',
    {
      config: { roles: DESK },
      schema: {
        tags,
        summary: 'Take the edit lock from whoever holds it',
        description: 'The previous holder’s next save is refused (423), so nothing is overwritten silently.',
        params,
        response: { 200: EditLockSchema, 404: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const user = signedIn(request);
      await stories.get(user, request.params.id);
      return (await stories.locks.take(request.params.id, { id: user.id, name: user.name }, clock(), true)).lock;
    },
  );

  app.delete(
    '/articles/:id/lock',
    { config: { roles: ANY_ROLE }, schema: { tags, summary: 'Let go of one’s own edit lock', params, response: { 204: Type.Null(), 404: ErrorSchema, ...denied } } },
    async (request, reply) => {
      const user = signedIn(request);
      await stories.get(user, request.params.id);
      await stories.locks.release(request.params.id, user.id);
      return reply.code(204).send(null);
    },
  );
}
