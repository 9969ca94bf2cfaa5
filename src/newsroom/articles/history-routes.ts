import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import { denied, signedIn } from './article-routes.js';
import { AdminArticleSchema, ArticleIdParams, DiffQuery, DiffSchema, RevisionListSchema, RevisionParams } from './article-schemas.js';
import { revisionDiff } from './revision-diff.js';
import type { StoryDesk } from './story-desk.js';
import { ANY_ROLE } from './story-roles.js';

const tags = ['revisions'];

/** Revisions: the history, a diff between any two, restoring an old one. */
export async function historyRoutes(fastify: FastifyInstance, stories: StoryDesk): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/articles/:id/revisions',
    { config: { roles: ANY_ROLE }, schema: { tags, summary: 'Every saved revision, newest first', params: ArticleIdParams, response: { 200: RevisionListSchema, 404: ErrorSchema, ...denied } } },
    async (request) => {
      await stories.get(signedIn(request), request.params.id);
      return { items: await stories.revisions.list(request.params.id) };
    },
  );

  app.get(
    '/articles/:id/diff',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'What changed between two revisions',
        description: 'Each changed field with both values; the body also as a word diff of its text.',
        params: ArticleIdParams,
        querystring: DiffQuery,
        response: { 200: DiffSchema, 400: ErrorSchema, 404: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const { id } = request.params;
      await stories.get(signedIn(request), id);
      const [from, to] = await Promise.all([stories.revisions.get(id, request.query.from), stories.revisions.get(id, request.query.to)]);
      const missing = [from ? null : request.query.from, to ? null : request.query.to].filter((r) => r !== null);
      if (!from || !to) {
        throw new DatelineError('NOT_FOUND', `This story has no revision ${missing.join(' or ')}.`, { hint: 'Pick revisions from the story’s list.' });
      }
      return revisionDiff(from, to);
    },
  );

  app.post(
    '/articles/:id/revisions/:revision/restore',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags,
        summary: 'Restore an old revision',
        description: 'Makes a new revision whose fields equal the old one; status, times and corrections stay as they are. The same rules as a save apply (who may edit, the edit lock).',
        params: RevisionParams,
        response: { 200: AdminArticleSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 423: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request) => stories.restore(signedIn(request), request.params.id, request.params.revision),
  );
}
