import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DatelineError } from '../../domain/errors.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { newsroomHeaders, previewCsp } from '../security-headers.js';
import { denied, signedIn } from './article-routes.js';
import { ArticleIdParams } from './article-schemas.js';
import type { StoryDesk } from './story-desk.js';
import { ANY_ROLE } from './story-roles.js';

/** The public page of a story as it would look now, drafts included, for whoever may open the story. */
export async function previewRoute(fastify: FastifyInstance, stories: StoryDesk, preview: NewsroomDeps['preview']): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/articles/:id/preview',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['articles'],
        summary: 'Preview the public page',
        description: 'HTML of the story’s reader page as it would look if published now (more-in-section and sponsored boxes left out).',
        params: ArticleIdParams,
        querystring: Type.Object({
          images: Type.Optional(Type.Literal('external', { description: 'Also show pictures from other sites (the editor chose to load them).' })),
        }),
        response: { 200: Type.String({ description: 'text/html' }), 404: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      await stories.get(signedIn(request), request.params.id);
      const html = preview ? await preview(request.params.id) : undefined;
      if (html === undefined) {
        throw new DatelineError('NOT_FOUND', 'The preview is not available on this server.', { hint: 'Open the story’s public page once it is published.' });
      }
      // A preview is never for search engines, even if its address leaks.
      // No script runs in a preview, and other sites' pictures load only when the editor asks (?images=external).
      return newsroomHeaders(reply, previewCsp(request.query.images === 'external'))
        .type('text/html; charset=utf-8')
        .header('x-robots-tag', 'noindex')
        .send(html);
    },
  );
}
