import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import { registerAjvFormats, type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../domain/errors.js';
import { limitPerMinute } from '../rate-limits.js';
import type { ApiDeps } from './api-context.js';
import { apiErrorHandler } from './api-errors.js';
import { API_PREFIX } from './api-json.js';
import { articleRoutes } from './article-routes.js';
import { bearerAuth } from './bearer-auth.js';
import { conditionalGet } from './conditional-get.js';
import { directoryRoutes } from './directory-routes.js';
import { type OpenApiDoc, renderDocsPage } from './docs-page.js';
import { searchRoute } from './search-route.js';
import { topicRoutes } from './topic-routes.js';

/**
 * Responses depend on nothing but the URL, yet they are only for key
 * holders: `private` keeps shared caches (a CDN, a company proxy) from
 * handing one client's copy to someone without a key, while the client's
 * own cache may keep it for a minute and then revalidate cheaply by ETag.
 */
const CACHE_CONTROL = 'private, max-age=60';

/**
 * The public read-only content API, mounted at /api/v1. An encapsulated
 * plugin: its JSON error handler, key check, CORS and ETag hooks apply to
 * these routes only and never to the reader site.
 *
 * @example await fastify.register(contentApi, { prefix: '/api/v1', store, config, clock })
 */
export async function contentApi(fastify: FastifyInstance, deps: ApiDeps): Promise<void> {
  registerAjvFormats();
  fastify.setValidatorCompiler(TypeBoxValidatorCompiler);
  const api = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Any origin may read with a key: the key, not the origin, is the credential, and no cookies are involved.
  await api.register(fastifyCors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    allowedHeaders: ['Authorization', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Link'],
    maxAge: 86_400,
  });
  await api.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      // Named with the site's name at each request (openApi below): the Settings screen may rename the site.
      info: { title: 'Content API', version: '1', description: 'Read-only access to the published stories, sections, authors and tags.' },
      servers: [{ url: deps.config.siteUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from `dateline apikey create`' } } },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'articles', description: 'Published stories' },
        { name: 'sections', description: 'The parts of the site' },
        { name: 'authors', description: 'Bylines' },
        { name: 'tags', description: 'Topics' },
        { name: 'search', description: 'Full-text search' },
        { name: 'topics', description: 'People, organizations and places the stories name' },
      ],
    },
  });

  api.setErrorHandler(apiErrorHandler);
  // Per address first (before the key is even looked up), then per key: one client cannot starve the others.
  for (const hook of [
    ...limitPerMinute(fastify, 'content API', deps.config.rateLimits.apiPerAddress, 'address'),
    ...limitPerMinute(fastify, 'content API', deps.config.rateLimits.apiPerKey, 'bearer'),
  ]) {
    api.addHook('onRequest', hook);
  }
  api.addHook('onRequest', bearerAuth(deps.store.apiKeys, deps.clock));
  api.addHook('onSend', conditionalGet(CACHE_CONTROL));

  articleRoutes(api, deps);
  directoryRoutes(api, deps);
  searchRoute(api, deps);
  topicRoutes(api, deps);

  // The document is made once; its title and description carry the site's name as it is now, and what is
  // sent is made again only when the name changes.
  let document: OpenApiDoc | undefined;
  let named: { name: string; doc: OpenApiDoc; json: string; docsHtml?: string } | undefined;
  const openApi = async () => {
    document ??= api.swagger() as unknown as OpenApiDoc;
    const { name } = await deps.settings();
    if (named?.name !== name) {
      const info = { ...document.info, title: `${name} content API`, description: `Read-only access to the published stories, sections, authors and tags of ${name}.` };
      const doc = { ...document, info };
      named = { name, doc, json: JSON.stringify(doc) };
    }
    return named;
  };

  api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send((await openApi()).json),
  );

  api.get('/docs', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const current = await openApi();
    current.docsHtml ??= renderDocsPage(current.doc, API_PREFIX);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
      .send(current.docsHtml);
  });

  // Without these the reader site's catch-all would answer unknown API paths with an HTML page.
  const unknownPath = (method: string, url: string) =>
    new DatelineError('NOT_FOUND', `There is no ${method} endpoint at ${url.split('?')[0]}.`, {
      hint: `The API is read-only (GET). See ${API_PREFIX}/docs for the endpoints.`,
    });
  api.get('/*', { config: { public: true }, schema: { hide: true } }, async (request) => {
    throw unknownPath(request.method, request.url);
  });
  api.setNotFoundHandler(async (request) => {
    throw unknownPath(request.method, request.url);
  });
}
