import { Type } from 'typebox';

/** Request and response shapes of the sections, authors and sponsors routes (src/newsroom/admin-api-contract.ts). */

const nullable = <T extends ReturnType<typeof Type.Integer>>(schema: T) => Type.Union([schema, Type.Null()]);
const name = Type.String({ minLength: 1, maxLength: 120 });
const slug = Type.String({ minLength: 1, maxLength: 80, description: 'Lower-case letters, digits and hyphens; made from the name when left out' });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const SectionSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  parentId: nullable(Type.Integer()),
  position: Type.Integer({ description: 'Place among its siblings, 0 first' }),
  inMenu: Type.Boolean(),
  path: Type.String({ description: 'Path of the section front, e.g. /news/politics' }),
});
export const SectionListSchema = Type.Object({ items: Type.Array(SectionSchema, { description: 'In menu order, each section followed by its sub-sections' }) });
export const SectionUpdatedSchema = Type.Intersect([
  SectionSchema,
  Type.Object({ storiesMoved: Type.Integer({ description: 'Stories whose path changed with the section (a new slug or parent)' }) }),
]);
const sectionFields = {
  slug: Type.Optional(slug),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The parent section, or null for a top-level section' })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'Place among its siblings, 0 first; the others shift' })),
  inMenu: Type.Optional(Type.Boolean()),
};
export const SectionCreateSchema = Type.Object({ name, ...sectionFields }, { additionalProperties: false });
export const SectionPatchSchema = Type.Object({ name: Type.Optional(name), ...sectionFields }, { additionalProperties: false });

const kind = Type.Union([Type.Literal('person'), Type.Literal('organization')]);
export const AuthorSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  kind,
  bio: Type.String(),
  pictureId: nullable(Type.Integer()),
});
export const AuthorListSchema = Type.Object({ items: Type.Array(AuthorSchema) });
const authorFields = {
  kind: Type.Optional(kind),
  bio: Type.Optional(Type.String({ maxLength: 5000 })),
  pictureId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'A picture from the media library' })),
};
export const AuthorCreateSchema = Type.Object({ name, slug: Type.Optional(slug), ...authorFields }, { additionalProperties: false });
export const AuthorPatchSchema = Type.Object({ name: Type.Optional(name), ...authorFields }, { additionalProperties: false });

export const SponsorSchema = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), url: Type.String(), blurb: Type.String() });
export const SponsorListSchema = Type.Object({ items: Type.Array(SponsorSchema) });
const url = Type.String({ minLength: 1, maxLength: 2000, description: 'The sponsor’s site, http(s)' });
const blurb = Type.String({ maxLength: 2000, description: 'Shown in the sponsored box beside its stories' });
export const SponsorCreateSchema = Type.Object({ name, url, blurb: Type.Optional(blurb) }, { additionalProperties: false });
export const SponsorPatchSchema = Type.Object(
  { name: Type.Optional(name), url: Type.Optional(url), blurb: Type.Optional(blurb) },
  { additionalProperties: false },
);
