import { type TSchema, Type } from 'typebox';

/** The story routes' shapes; they follow admin-api-contract.ts and become the OpenAPI document. */

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const time = (description: string) => Type.String({ format: 'date-time', description: `${description}, ISO 8601 in UTC` });
const id = (description: string) => Type.Integer({ minimum: 1, description });

export const StatusSchema = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('submitted'),
    Type.Literal('scheduled'),
    Type.Literal('published'),
    Type.Literal('withheld'),
    Type.Literal('withdrawn'),
  ],
  { description: 'draft → submitted → published (or scheduled → published); unpublish returns it to draft; withdrawn is for good' },
);
export const LabelSchema = Type.Union([Type.Literal('news'), Type.Literal('opinion'), Type.Literal('analysis'), Type.Literal('sponsored')], {
  description: 'sponsored needs a sponsorId',
});

export const CorrectionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('correction'), Type.Literal('update')]),
  text: Type.String(),
  at: time('When the note was appended'),
  editedAt: nullable(time('When its wording last changed')),
  history: Type.Array(
    Type.Object({
      text: Type.String({ description: 'An earlier wording' }),
      shownFrom: time('When that wording was first shown'),
      replacedAt: time('When it was replaced'),
      by: nullable(Type.String({ description: 'Who reworded it' })),
    }),
    { description: 'Earlier wordings, oldest first' },
  ),
});

export const AdminArticleSchema = Type.Object({
  id: Type.Integer(),
  headline: Type.String(),
  slug: Type.String(),
  summary: Type.String(),
  bodyHtml: Type.String({ description: 'Sanitized HTML of the body' }),
  dateline: nullable(Type.String()),
  label: LabelSchema,
  sponsorId: nullable(Type.Integer()),
  status: StatusSchema,
  sectionId: Type.Integer(),
  authorIds: Type.Array(Type.Integer(), { description: 'Byline order' }),
  tags: Type.Array(Type.String()),
  leadMediaId: nullable(Type.Integer()),
  contributorNote: nullable(Type.String()),
  language: nullable(Type.String({ description: 'BCP 47 tag when the story is in another language than the site’s; null: the site’s' })),
  publishedAt: nullable(time('First publication')),
  updatedAt: nullable(time('Last correction or update readers were told of')),
  scheduledAt: nullable(time('When a scheduled story goes out')),
  path: Type.String({ description: 'The public path (for drafts: where it will live)' }),
  revision: Type.Integer({ description: 'Send as baseRevision with the next PATCH' }),
  createdBy: nullable(Type.Integer({ description: 'The user who made it' })),
  corrections: Type.Array(CorrectionSchema),
  wire: nullable(Type.Object({ uri: Type.String(), version: Type.String(), source: Type.String() })),
});

export const ArticleListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      headline: Type.String(),
      status: StatusSchema,
      label: LabelSchema,
      sectionId: Type.Integer(),
      authorIds: Type.Array(Type.Integer()),
      publishedAt: nullable(Type.String({ format: 'date-time' })),
      scheduledAt: nullable(Type.String({ format: 'date-time' })),
      path: Type.String(),
      modifiedAt: time('Last change of any kind'),
    }),
  ),
  nextCursor: nullable(Type.String({ description: 'Pass as cursor for the next page' })),
});

export const ArticleListQuery = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    section: Type.Optional(id('Section id; a top-level section includes its sub-sections')),
    author: Type.Optional(id('Author id')),
    label: Type.Optional(LabelSchema),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the headline' })),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);

const draftFields = {
  headline: Type.Optional(Type.String({ maxLength: 300 })),
  slug: Type.Optional(Type.String({ maxLength: 120 })),
  summary: Type.Optional(Type.String({ maxLength: 2000 })),
  bodyHtml: Type.Optional(Type.String({ maxLength: 1_000_000, description: 'HTML; sanitized on the way in' })),
  dateline: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
  label: Type.Optional(LabelSchema),
  sponsorId: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
  sectionId: Type.Optional(id('Section id')),
  authorIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, description: 'Byline order' })),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 })),
  leadMediaId: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
  contributorNote: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
  language: Type.Optional(nullable(Type.String({ maxLength: 40, description: 'BCP 47, such as de or fr-CA; null or empty: the site’s language' }))),
};

export const ArticleCreateSchema = Type.Object(draftFields, { additionalProperties: false });
export const ArticlePatchSchema = Type.Object(
  { ...draftFields, baseRevision: Type.Integer({ minimum: 0, description: 'The revision your copy is based on; a stale one gets 409 with what changed' }) },
  { additionalProperties: false },
);

export const ArticleIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RevisionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), revision: Type.Integer({ minimum: 0 }) });
export const WireParams = Type.Object({ articleId: Type.Integer({ minimum: 1 }) });

export const ScheduleSchema = Type.Object({ at: Type.String({ format: 'date-time', description: 'When to publish, ISO 8601 with offset' }) }, { additionalProperties: false });
export const NoteSchema = Type.Object(
  { kind: Type.Union([Type.Literal('correction'), Type.Literal('update')]), text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const NoteParams = Type.Object({ id: Type.Integer({ minimum: 1 }), noteId: Type.Integer({ minimum: 1 }) });
export const NoteEditSchema = Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const PreviewLinkInputSchema = Type.Object(
  { expiresInHours: Type.Integer({ minimum: 1, maximum: 720, description: 'How long the link works: 1 hour to 30 days (the newsroom offers 24 and 168)' }) },
  { additionalProperties: false },
);
const previewLinkFields = {
  id: Type.Integer(),
  createdAt: time('When the link was made'),
  expiresAt: time('When it stops working'),
  createdBy: nullable(Type.String({ description: 'Who made it' })),
};
export const PreviewLinkSchema = Type.Object(previewLinkFields);
export const PreviewLinkCreatedSchema = Type.Object({ ...previewLinkFields, path: Type.String({ description: 'The shared preview’s address on this site, token included; shown only now' }) });
export const PreviewLinkListSchema = Type.Object({ items: Type.Array(PreviewLinkSchema) });
export const PreviewLinkParams = Type.Object({ id: Type.Integer({ minimum: 1 }), linkId: Type.Integer({ minimum: 1 }) });
export const SharedPreviewParams = Type.Object({ id: Type.Integer({ minimum: 1 }), token: Type.String({ maxLength: 200 }) });

export const RevisionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      at: time('When it was saved'),
      by: nullable(Type.String({ description: 'Who saved it' })),
      changedFields: Type.Array(Type.String()),
      changes: Type.Array(Type.String(), { description: 'What changed, in the newsroom’s words: "Lead photo added", "Headline changed"' }),
    }),
  ),
});

export const DiffQuery = Type.Object({ from: Type.Integer({ minimum: 0 }), to: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  fields: Type.Array(
    Type.Object({ field: Type.String(), label: Type.String({ description: 'The change in the newsroom’s words: "Lead photo changed"' }), before: Type.Unknown(), after: Type.Unknown() }),
  ),
  // A pair [op, text]; written as a two-item array because fast-json-stringify cannot serialise a tuple of a literal union.
  bodyDiff: Type.Array(Type.Array(Type.Union([Type.Integer({ minimum: -1, maximum: 1 }), Type.String()]), { minItems: 2, maxItems: 2 }), {
    description: 'Word diff of the body text as [op, text] pairs: op -1 removed, 0 same, 1 added',
  }),
});

export const EditLockSchema = Type.Object({
  holder: Type.Object({ id: Type.Integer(), name: Type.String() }),
  since: time('When they opened it'),
  expiresAt: time('When the lock lapses unless refreshed'),
});
export const LockStateSchema = Type.Object({ lock: nullable(EditLockSchema) });

export const WireQueueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      articleId: Type.Integer(),
      headline: Type.String(),
      agency: Type.String({ description: 'The agency that sent it' }),
      source: Type.String({ description: 'Where it came in (push:NAME, file:PATH, inbox:…, poll:…)' }),
      uri: Type.String(),
      version: Type.String(),
      receivedAt: time('When this version arrived'),
      urgency: nullable(Type.Integer()),
      status: Type.Union([Type.Literal('submitted'), Type.Literal('draft'), Type.Literal('withheld'), Type.Literal('withdrawn')]),
      byline: Type.Array(Type.String()),
      dateline: nullable(Type.String()),
      summary: Type.String(),
      bodyHtml: Type.String({ description: 'The copy, sanitized on the way in' }),
      hasBody: Type.Boolean({ description: 'False for an item that arrived without a body' }),
      canPublish: Type.Boolean(),
      reason: Type.String({ description: 'Why it waits for an editor' }),
    }),
  ),
});
