import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import { registerAjvFormats, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../domain/errors.js';
import { type AdminRouteInfo, type RouteRoles, requireRoles, roleGuard } from './accounts/role-guard.js';
import { SESSION_COOKIE } from './accounts/session-cookie.js';
import { type LoadedSession, SessionRepo } from './accounts/session-repo.js';
import type { Role, SessionUser } from './admin-api-contract.js';
import { adminErrorHandler } from './admin-errors.js';
import { ADMIN_MODULES, type NewsroomDeps } from './admin-modules.js';
import { ADMIN_API_CSP, newsroomHeaders } from './security-headers.js';

export type { AdminRouteInfo, RouteRoles } from './accounts/role-guard.js';

export const ADMIN_API_PREFIX = '/admin/api';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Admin API routes: the roles that may call it, or 'public'. Required; the plugin refuses to start without it. */
    roles?: readonly Role[] | 'public';
    /** Callable with a one-time password not yet changed (reading and ending the session, changing the password). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in newsroom user (admin API only); null when nobody is signed in. */
    user: SessionUser | null;
    /** The session behind the cookie (admin API only). */
    adminSession: LoadedSession | null;
  }
}

/**
 * Every admin route with the roles it declared, collected as routes are
 * registered; the role-matrix test walks it. Shared by every app a process
 * builds (the routes are the same each time), so entries are kept unique.
 */
export const adminRoutes: AdminRouteInfo[] = [];

/** Every role, for routes any signed-in user may call. */
export const ANY_ROLE: readonly Role[] = ['admin', 'editor', 'writer', 'contributor'];

function rolesText(roles: RouteRoles): string {
  return roles === 'public' ? 'Anyone (no session needed).' : `Roles: ${roles.join(', ')}.`;
}

/**
 * The newsroom's admin API at /admin/api: an encapsulated plugin with its
 * own JSON error handler, cookie parsing, OpenAPI document and the role
 * guard every route goes through.
 *
 * @example await fastify.register(adminPlugin, { prefix: '/admin/api', store, config, clock })
 */
export async function adminPlugin(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  registerAjvFormats();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(adminErrorHandler);
  // Before any route (swagger's own included): a route without roles stops the server from starting.
  app.addHook('onRoute', requireRoles(adminRoutes));
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        // The site's name as the Settings screen has it now is put in at each request (below).
        title: 'Newsroom admin API',
        version: '1',
        description:
          'What the newsroom web app at /admin uses. Sign in with POST /session; send the session’s csrfToken as `x-csrf-token` on every POST, PATCH, PUT and DELETE. Each operation names the roles that may call it; others get 403.',
      },
      servers: [{ url: `${deps.config.siteUrl}${ADMIN_API_PREFIX}` }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'csrfToken from GET /session; required on state-changing requests' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: ({ schema, url, route }) => {
      const roles = (route.config as { roles?: RouteRoles } | undefined)?.roles;
      const openUrl = url.startsWith(ADMIN_API_PREFIX) ? url.slice(ADMIN_API_PREFIX.length) || '/' : url;
      if (!roles || !schema) return { schema, url: openUrl };
      const base = schema as Record<string, unknown>;
      const description = [base.description, rolesText(roles)].filter(Boolean).join(' ');
      return { schema: { ...base, description, ...(roles === 'public' && { security: [] }) } as typeof schema, url: openUrl };
    },
  });

  app.decorateRequest('user', null);
  app.decorateRequest('adminSession', null);
  app.addHook('onRequest', roleGuard(new SessionRepo(deps.store.db), deps.clock));
  // Answers hold a user's own data: no shared or browser cache may keep them.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // The preview sets its own policy; everything else here is data that must never render as a page.
    newsroomHeaders(reply, (reply.getHeader('content-security-policy') as string | undefined) ?? ADMIN_API_CSP);
  });

  // Made once, named afresh for each site name: a rename in the Settings screen shows here on every node.
  let document: { info: { title: string } } | undefined;
  let named: { name: string; json: string } | undefined;
  app.get('/openapi.json', { config: { roles: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    document ??= app.swagger() as unknown as { info: { title: string } };
    const { name } = await deps.store.siteSettings.reader(deps.config)();
    if (named?.name !== name) named = { name, json: JSON.stringify({ ...document, info: { ...document.info, title: `${name} newsroom admin API` } }) };
    return reply.header('content-type', 'application/json; charset=utf-8').send(named.json);
  });

  for (const module of ADMIN_MODULES) {
    await app.register(async (scope) => module(scope, deps));
  }

  // Without these the reader site's catch-all (and the app's SPA fallback) would answer unknown API paths with HTML.
  const unknownPath = (method: string, url: string) =>
    new DatelineError('NOT_FOUND', `There is no ${method} endpoint at ${url.split('?')[0]}.`, {
      hint: `See ${ADMIN_API_PREFIX}/openapi.json for the endpoints.`,
    });
  app.get('/*', { config: { roles: 'public' }, schema: { hide: true } }, async (request) => {
    throw unknownPath(request.method, request.url);
  });
  app.setNotFoundHandler(async (request) => {
    throw unknownPath(request.method, request.url);
  });
}
