import { Type } from 'typebox';
import { ROLES } from '../admin-api-contract.js';

/** The accounts routes' shapes; they follow admin-api-contract.ts and become the OpenAPI document. */

export const RoleSchema = Type.Union(
  [Type.Literal(ROLES[0]), Type.Literal(ROLES[1]), Type.Literal(ROLES[2]), Type.Literal(ROLES[3])],
  { description: 'admin: everything; editor: all stories, publishing, wire queue, corrections; writer: own stories, submit for review; contributor: own drafts only' },
);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable code (see docs/errors.md)' }),
    message: Type.String({ description: 'What was wrong' }),
    hint: Type.Optional(Type.String({ description: 'What to do about it' })),
    details: Type.Optional(Type.Unknown()),
  }),
});

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
});

export const SessionSchema = Type.Object({
  user: SessionUserSchema,
  csrfToken: Type.String({ description: 'Send as x-csrf-token on every POST, PATCH, PUT and DELETE' }),
  mustChangePassword: Type.Boolean({ description: 'True after a one-time password: ask the user to choose their own' }),
  authorId: Type.Union([Type.Integer(), Type.Null()], { description: 'The author the user writes as; a new story starts with this byline' }),
  site: Type.Object({
    name: Type.String(),
    timeZone: Type.String({ description: 'IANA zone the newsroom shows every time in' }),
  }),
});

export const SignInSchema = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const PasswordChangeSchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024, description: 'At least 10 characters' }),
  },
  { additionalProperties: false },
);

export const AdminUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  authorId: Type.Union([Type.Integer(), Type.Null()], { description: 'The author this user writes as' }),
});

export const UserListSchema = Type.Object({ items: Type.Array(AdminUserSchema) });

export const UserCreateSchema = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    role: RoleSchema,
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Leave out to get a one-time password in the answer' })),
  },
  { additionalProperties: false },
);

export const UserCreatedSchema = Type.Object({
  user: AdminUserSchema,
  temporaryPassword: Type.Union([Type.String(), Type.Null()], { description: 'Shown once, when no password was given' }),
});

export const UserPatchSchema = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled user is signed out everywhere and cannot sign in' })),
    authorId: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Link the user to the author they write as (null unlinks); one user per author' }),
    ),
  },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PasswordResetSchema = Type.Object({
  temporaryPassword: Type.String({ description: 'Shown once; the user chooses their own after signing in' }),
});
