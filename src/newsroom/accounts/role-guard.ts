import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, onRequestAsyncHookHandler, onRouteHookHandler } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import { ROLES, type Role } from '../admin-api-contract.js';
import { SESSION_COOKIE } from './session-cookie.js';
import type { SessionRepo } from './session-repo.js';

/** Who may call a route: a list of roles, or 'public' (sign-in, the OpenAPI document). */
export type RouteRoles = readonly Role[] | 'public';

export interface AdminRouteInfo {
  method: string;
  url: string;
  roles: RouteRoles;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Refuses, at startup, a route that does not say who may call it, so no
 * route can slip past the role matrix; records the rest in `into`.
 */
export function requireRoles(into: AdminRouteInfo[]): onRouteHookHandler {
  return (route) => {
    const roles = (route.config as { roles?: unknown } | undefined)?.roles;
    const methods = [route.method].flat().map((m) => String(m).toUpperCase());
    const valid = roles === 'public' || (Array.isArray(roles) && roles.length > 0 && roles.every((r) => (ROLES as readonly string[]).includes(r)));
    if (!valid) {
      throw new Error(
        `Admin route ${methods.join(',')} ${route.url} must declare who may call it: config: { roles: [${ROLES.map((r) => `'${r}'`).join(', ')}] } (a non-empty subset) or config: { roles: 'public' }.`,
      );
    }
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (into.some((r) => r.method === method && r.url === route.url)) continue;
      into.push({ method, url: route.url, roles: roles as RouteRoles });
    }
  };
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Loads the session behind the cookie into `request.user`, then enforces
 * the route's roles: 401 without a session, 403 for a role not listed, 403
 * for a state-changing request without the session's CSRF token. Runs in
 * onRequest, before any body is read, so a refused upload costs nothing.
 */
export function roleGuard(sessions: SessionRepo, clock: () => Date): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const roles = (request.routeOptions.config as { roles?: RouteRoles } | undefined)?.roles;
    // No roles: the not-found handler, which answers 404 without touching anything.
    if (roles === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await sessions.load(token, clock()) : null;
    request.user = session?.user ?? null;
    request.adminSession = session;
    if (roles === 'public') return;
    if (!session) {
      throw new DatelineError('UNAUTHORIZED', 'You are not signed in, or your session has ended.', {
        hint: 'Sign in at /admin (POST /admin/api/session with your email and password).',
      });
    }
    // A one-time password opens only the session itself and the form to replace it.
    const config = request.routeOptions.config as { beforePasswordChange?: boolean } | undefined;
    if (session.mustChangePassword && !config?.beforePasswordChange) {
      throw new DatelineError('PASSWORD_CHANGE_REQUIRED', 'You signed in with a one-time password; choose your own before doing anything else.', {
        hint: 'Change it at /admin (POST /admin/api/session/password with currentPassword and newPassword); then everything your role allows opens.',
      });
    }
    if (!roles.includes(session.user.role)) {
      throw new DatelineError('FORBIDDEN', `Your role (${session.user.role}) may not do this; it needs ${roles.join(' or ')}.`, {
        hint: 'Ask an admin if you need a different role.',
      });
    }
    if (STATE_CHANGING.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new DatelineError('FORBIDDEN', 'The request lacks a valid CSRF token.', {
          hint: 'Send the csrfToken from GET /admin/api/session in the x-csrf-token header.',
        });
      }
    }
  };
}
