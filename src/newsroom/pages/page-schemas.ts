import { Type } from 'typebox';

/** Request and response shapes of the static pages routes. */

export const PageSchema = Type.Object({
  id: Type.Integer(),
  path: Type.String({ description: 'Where the page answers, e.g. /about or /policies/corrections' }),
  title: Type.String(),
  description: Type.String(),
  bodyHtml: Type.String({ description: 'Sanitized by the story editor’s allow-list' }),
  published: Type.Boolean(),
  inFooter: Type.Boolean({ description: 'Linked from every page’s footer' }),
  position: Type.Integer({ description: 'Order in the footer, 0 first' }),
  modifiedAt: Type.String({ format: 'date-time' }),
});
export const PageListSchema = Type.Object({ items: Type.Array(PageSchema) });

const fields = {
  description: Type.Optional(Type.String({ maxLength: 300 })),
  bodyHtml: Type.String({ maxLength: 500_000 }),
  published: Type.Optional(Type.Boolean()),
  inFooter: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
};
const path = Type.String({ minLength: 2, maxLength: 200 });
const title = Type.String({ minLength: 1, maxLength: 200 });
export const PageCreateSchema = Type.Object({ path, title, ...fields }, { additionalProperties: false });
export const PagePatchSchema = Type.Object(
  { path: Type.Optional(path), title: Type.Optional(title), ...fields, bodyHtml: Type.Optional(fields.bodyHtml) },
  { additionalProperties: false },
);
