import { Type } from 'typebox';

/** Request and response shapes of the newsletter and audience routes. */

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const slug = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Lower-case letters, digits and hyphens: the list’s address /newsletters/{slug}' });
const email = Type.String({ minLength: 3, maxLength: 254, format: 'email' });
const sendAt = Type.Union([Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM in the site’s time zone' }), Type.Null()]);

export const ListSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  fromName: Type.String(),
  fromAddress: Type.String(),
  replyTo: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('digest'), Type.Literal('alerts')]),
  sendAt,
  subscribers: Type.Object({ pending: Type.Integer(), confirmed: Type.Integer(), unsubscribed: Type.Integer() }),
});
export const ListIndexSchema = Type.Object({
  mailConfigured: Type.Boolean({ description: 'False without SMTP_URL: nothing can be sent until it is set' }),
  items: Type.Array(ListSchema),
});
const listFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ maxLength: 500 }),
  fromName: Type.String({ minLength: 1, maxLength: 120 }),
  fromAddress: email,
  replyTo: Type.Union([email, Type.Null()]),
  kind: Type.Union([Type.Literal('digest'), Type.Literal('alerts')]),
  sendAt,
};
export const ListCreateSchema = Type.Object({ slug, ...listFields }, { additionalProperties: false });
export const ListPatchSchema = Type.Partial(Type.Object(listFields), { additionalProperties: false });

export const EditionSchema = Type.Object({
  id: Type.Integer(),
  listId: Type.Integer(),
  kind: Type.String(),
  subject: Type.String(),
  intro: Type.String(),
  articleIds: Type.Array(Type.Integer()),
  status: Type.String(),
  scheduledAt: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  deliveries: Type.Record(Type.String(), Type.Integer()),
});
export const EditionListSchema = Type.Object({ items: Type.Array(EditionSchema) });
export const EditionCreateSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('digest'), Type.Literal('composed'), Type.Literal('alert')], { description: 'digest: the fronts’ top stories; composed or alert: the stories picked' }),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    intro: Type.Optional(Type.String({ maxLength: 5000 })),
    articleIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 15 })),
  },
  { additionalProperties: false },
);
export const EditionPatchSchema = Type.Object(
  { subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), intro: Type.Optional(Type.String({ maxLength: 5000 })), articleIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 15 })) },
  { additionalProperties: false },
);
export const SendSchema = Type.Object({ at: Type.Optional(Type.String({ format: 'date-time', description: 'When to send; now when left out' })) }, { additionalProperties: false });
export const TestSendSchema = Type.Object({ to: email }, { additionalProperties: false });
export const PreviewSchema = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String(), stories: Type.Integer(), bytes: Type.Integer() });
export const ImportSchema = Type.Object({ csv: Type.String({ minLength: 1, maxLength: 20_000_000, description: 'CSV with the columns email and consented_at' }) }, { additionalProperties: false });
export const ImportResultSchema = Type.Object({ added: Type.Integer(), updated: Type.Integer(), skippedUnsubscribed: Type.Array(Type.String()) });
export const OkSchema = Type.Object({ ok: Type.Boolean() });

const Point = Type.Object({ bucket: Type.Integer(), views: Type.Integer(), visitors: Type.Integer() });
const Named = Type.Object({ key: Type.String(), label: Type.String(), path: Type.Optional(Type.String()), views: Type.Integer(), visitors: Type.Integer() });
export const DashboardSchema = Type.Object({
  generatedAt: Type.String(),
  today: Type.Object({ views: Type.Integer(), visitors: Type.Integer() }),
  hourly: Type.Array(Point),
  daily: Type.Array(Point),
  topNow: Type.Array(Named),
  topToday: Type.Array(Named),
  sections: Type.Array(Named),
  referrers: Type.Array(Named),
});
export const DashboardQuery = Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) });
export const StoryNumbersQuery = Type.Object({
  ids: Type.String({ pattern: '^\\d{1,9}(,\\d{1,9}){0,199}$', description: 'Story ids separated by commas (up to 200)' }),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
});
export const StoryNumbersSchema = Type.Object({ items: Type.Record(Type.String(), Type.Object({ views: Type.Integer(), visitors: Type.Integer() })) });
