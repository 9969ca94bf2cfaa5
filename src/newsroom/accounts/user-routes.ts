import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AdminUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import {
  AdminUserSchema,
  ErrorSchema,
  PasswordResetSchema,
  UserCreatedSchema,
  UserCreateSchema,
  UserIdParams,
  UserListSchema,
  UserPatchSchema,
} from './account-schemas.js';
import type { Accounts } from './accounts.js';
import type { User } from './user-repo.js';

const tags = ['users'];
const roles = ['admin'] as const;

export function adminUser(user: User): AdminUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    authorId: user.authorId,
  };
}

/** The admin's users screen: list, add, change role or disable, reset a password. */
export async function userRoutes(fastify: FastifyInstance, deps: NewsroomDeps, accounts: Accounts): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const denied = { 401: ErrorSchema, 403: ErrorSchema };

  app.get('/users', { config: { roles }, schema: { tags, summary: 'Every user', response: { 200: UserListSchema, ...denied } } }, async () => ({
    items: (await accounts.users.list()).map(adminUser),
  }));

  app.post(
    '/users',
    {
      config: { roles },
      schema: {
        tags,
        summary: 'Add a user',
        description: 'Without a password, the answer carries a one-time password to hand over; the user chooses their own after signing in.',
        body: UserCreateSchema,
        response: { 201: UserCreatedSchema, 400: ErrorSchema, 409: ErrorSchema, ...denied },
      },
    },
    async (request, reply) => {
      const { user, temporaryPassword } = await accounts.addUser(request.body, deps.clock());
      return reply.code(201).send({ user: adminUser(user), temporaryPassword });
    },
  );

  app.get(
    '/users/:id',
    { config: { roles }, schema: { tags, summary: 'One user', params: UserIdParams, response: { 200: AdminUserSchema, 404: ErrorSchema, ...denied } } },
    async (request) => adminUser(await accounts.users.get(request.params.id)),
  );

  app.patch(
    '/users/:id',
    {
      config: { roles },
      schema: {
        tags,
        summary: 'Change a user’s name, email, role, author link, or disable them',
        description: 'The last active admin cannot be demoted or disabled (409). An author is linked to one user at most (409).',
        params: UserIdParams,
        body: UserPatchSchema,
        response: { 200: AdminUserSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied },
      },
    },
    async (request) => adminUser(await accounts.updateUser(request.params.id, request.body)),
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: { roles },
      schema: {
        tags,
        summary: 'Reset a user’s password',
        description: 'Gives a one-time password, signs the user out everywhere and lifts a sign-in lock.',
        params: UserIdParams,
        response: { 200: PasswordResetSchema, 404: ErrorSchema, ...denied },
      },
    },
    async (request) => {
      const keep = request.params.id === request.user?.id ? request.adminSession?.id : undefined;
      return { temporaryPassword: await accounts.resetPassword(request.params.id, keep === undefined ? {} : { keepSessionId: keep }) };
    },
  );
}
