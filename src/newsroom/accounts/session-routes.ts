import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import { limitPerMinute } from '../../rate-limits.js';
import { ROLES } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { ErrorSchema, PasswordChangeSchema, SessionSchema, SignInSchema } from './account-schemas.js';
import type { Accounts } from './accounts.js';
import { sessionAnswer } from './session-answer.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const tags = ['session'];

function signedIn(request: { adminSession: { id: number } | null }) {
  if (!request.adminSession) throw new DatelineError('UNAUTHORIZED', 'You are not signed in.', { hint: 'Sign in first.' });
  return request.adminSession;
}

/** Sign in, who am I, sign out, change my password. */
export async function sessionRoutes(fastify: FastifyInstance, deps: NewsroomDeps, accounts: Accounts): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/session',
    {
      // (A test builds the plugin with a partial config: no limits there.)
      onRequest: limitPerMinute(fastify, 'sign-in', deps.config.rateLimits?.signIn ?? 0, 'address'),
      config: { roles: 'public' },
      schema: {
        tags,
        summary: 'Sign in',
        description: 'Checks the email and password and sets the HttpOnly `dateline_session` cookie. Failed sign-ins are limited per account and per address (429 with Retry-After).',
        body: SignInSchema,
        response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const result = await accounts.signIn(
        request.body.email,
        request.body.password,
        { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') },
        deps.clock(),
      );
      setSessionCookie(request, reply, result.token);
      return sessionAnswer(deps, accounts.users, result);
    },
  );

  app.get(
    '/session',
    {
      config: { roles: ROLES, beforePasswordChange: true },
      schema: { tags, summary: 'The signed-in user and the CSRF token', response: { 200: SessionSchema, 401: ErrorSchema } },
    },
    async (request) => {
      const session = request.adminSession;
      if (!session) throw new DatelineError('UNAUTHORIZED', 'You are not signed in.', { hint: 'Sign in first.' });
      return sessionAnswer(deps, accounts.users, session);
    },
  );

  app.delete(
    '/session',
    {
      config: { roles: ROLES, beforePasswordChange: true },
      schema: { tags, summary: 'Sign out', response: { 204: { type: 'null', description: 'Signed out' }, 401: ErrorSchema, 403: ErrorSchema } },
    },
    async (request, reply) => {
      await accounts.sessions.delete(signedIn(request).id);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/session/password',
    {
      config: { roles: ROLES, beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Change my password',
        description: 'Every other session of the user ends.',
        body: PasswordChangeSchema,
        response: { 204: { type: 'null', description: 'Changed' }, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const session = signedIn(request);
      const user = request.user;
      if (!user) throw new DatelineError('UNAUTHORIZED', 'You are not signed in.', { hint: 'Sign in first.' });
      await accounts.changePassword(user.id, request.body.currentPassword, request.body.newPassword, session.id);
      return reply.code(204).send(null);
    },
  );
}
