import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { DatelineError } from '../../domain/errors.js';
import { escapeHtml } from '../../domain/html-text.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { newsroomHeaders, previewCsp } from '../security-headers.js';
import { denied, signedIn } from './article-routes.js';
import {
  ArticleIdParams,
  PreviewLinkCreatedSchema,
  PreviewLinkInputSchema,
  PreviewLinkListSchema,
  PreviewLinkParams,
  SharedPreviewParams,
} from './article-schemas.js';
import { PreviewLinks, type SharedPreviewRefusal } from './preview-links.js';
import type { StoryDesk } from './story-desk.js';
import { ANY_ROLE, WRITERS } from './story-roles.js';

/**
 * The public page of a story as it would look now, drafts included: for
 * whoever may open the story (the editor shows it in a frame, at desktop or
 * phone width), and through a shared link for anyone holding one. Both are
 * the reader site's own article page (src/site/article-preview.tsx), so the
 * preview and the published page cannot differ.
 */
export async function previewRoute(fastify: FastifyInstance, stories: StoryDesk, deps: Pick<NewsroomDeps, 'preview' | 'store' | 'clock'>): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const links = new PreviewLinks(deps.store.db, deps.clock);
  const render = async (id: number) => {
    const html = deps.preview ? await deps.preview(id) : undefined;
    if (html === undefined) {
      throw new DatelineError('NOT_FOUND', 'The preview is not available on this server.', { hint: 'Open the story’s public page once it is published.' });
    }
    return html;
  };

  app.get(
    '/articles/:id/preview',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['articles'],
        summary: 'Preview the public page',
        description: 'HTML of the story’s reader page as it would look if published now (more-in-section and sponsored boxes left out). The newsroom app may show it in a frame.',
        params: ArticleIdParams,
        querystring: Type.Object({
          images: Type.Optional(Type.Literal('external', { description: 'Also show pictures from other sites (the editor chose to load them).' })),
        }),
        response: { 200: Type.String({ description: 'text/html' }), 404: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      await stories.get(signedIn(request), request.params.id);
      const html = await render(request.params.id);
      // No script runs in a preview, and other sites' pictures load only when the editor asks (?images=external).
      return previewReply(newsroomHeaders(reply, previewCsp(request.query.images === 'external', true))).send(html);
    },
  );

  app.post(
    '/articles/:id/preview-links',
    {
      config: { roles: WRITERS },
      schema: {
        tags: ['articles'],
        summary: 'Make a shareable preview link',
        description: 'A link anyone can open without signing in, for this story only, until it expires (1 hour to 30 days) or is revoked. The address (with its token) is in this answer only.',
        params: ArticleIdParams,
        body: PreviewLinkInputSchema,
        response: { 201: PreviewLinkCreatedSchema, 400: ErrorSchema, 404: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      const user = signedIn(request);
      await stories.get(user, request.params.id);
      return reply.code(201).send(await links.create(request.params.id, user, request.body.expiresInHours));
    },
  );

  app.get(
    '/articles/:id/preview-links',
    {
      config: { roles: WRITERS },
      schema: { tags: ['articles'], summary: 'The story’s working preview links', params: ArticleIdParams, response: { 200: PreviewLinkListSchema, 404: ErrorSchema, ...denied } },
    },
    async (request) => {
      await stories.get(signedIn(request), request.params.id);
      return { items: await links.list(request.params.id) };
    },
  );

  app.delete(
    '/articles/:id/preview-links/:linkId',
    {
      config: { roles: WRITERS },
      schema: {
        tags: ['articles'],
        summary: 'Revoke a preview link',
        description: 'It stops working at once.',
        params: PreviewLinkParams,
        response: { 204: Type.Null({ description: 'Revoked' }), 404: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      await stories.get(signedIn(request), request.params.id);
      await links.revoke(request.params.id, request.params.linkId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/shared-preview/:id/:token',
    {
      config: { roles: 'public' },
      schema: {
        tags: ['articles'],
        summary: 'Open a shared preview',
        description: 'The story’s preview for whoever holds a working link; 404 for a token that is wrong or for another story, 410 once it expired or was revoked. Never indexed, never cached.',
        params: SharedPreviewParams,
        response: { 200: Type.String({ description: 'text/html' }), 404: Type.String(), 410: Type.String() },
      },
    },
    async (request, reply) => {
      const { id, token } = request.params;
      const refusal = await links.check(id, token);
      newsroomHeaders(reply, previewCsp(false));
      if (refusal) return previewReply(reply.code(refusal === 'expired' ? 410 : 404)).send(refusalPage(refusal));
      // The link's holder may not know the newsroom: the page is the reader page alone, as it stands now.
      return previewReply(reply).send(await render(id));
    },
  );
}

/** A preview is for no search engine and no cache, even if its address leaks. */
function previewReply(reply: FastifyReply): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'private, no-store');
}

function refusalPage(refusal: SharedPreviewRefusal): string {
  const [title, text] =
    refusal === 'expired'
      ? ['This preview link has expired', 'The link was set to stop working, or the newsroom revoked it. Ask whoever sent it for a new one.']
      : ['This preview link does not work', 'Check that the whole address was copied. If it still does not open, ask whoever sent it for a new one.'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}
