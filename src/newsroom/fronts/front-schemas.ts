import { Type } from 'typebox';

/** Request and response shapes of the fronts routes (src/newsroom/fronts/front-contract.ts). */

const nullableString = Type.Union([Type.String(), Type.Null()]);
const nullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const FrontParams = Type.Object({
  front: Type.String({ maxLength: 20, description: '`home`, or a section id' }),
});
export const SlotParams = Type.Object({
  front: Type.String({ maxLength: 20, description: '`home`, or a section id' }),
  slot: Type.Integer({ minimum: 0, maximum: 100, description: 'The slot, 0 = the lead' }),
});

export const FrontSummarySchema = Type.Object({ key: Type.String(), name: Type.String(), path: Type.String(), pinned: Type.Integer() });
export const FrontListSchema = Type.Object({ items: Type.Array(FrontSummarySchema, { description: 'Home, then every section in menu order' }) });

export const FrontSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  path: Type.String(),
  timeZone: Type.String(),
  slots: Type.Array(
    Type.Object({
      slot: Type.Integer(),
      role: Type.Union([Type.Literal('lead'), Type.Literal('top')]),
      needsPhoto: Type.Boolean(),
      pin: Type.Union([
        Type.Object({
          articleId: Type.Integer(),
          storyHeadline: Type.String(),
          headline: nullableString,
          mediaId: nullableInteger,
          expiresAt: nullableString,
          expiresAtText: nullableString,
          live: Type.Boolean(),
          hiddenReason: nullableString,
        }),
        Type.Null(),
      ]),
      shown: Type.Union([
        Type.Object({ articleId: Type.Integer(), headline: Type.String(), path: Type.String(), thumbnailUrl: nullableString, pinned: Type.Boolean() }),
        Type.Null(),
      ]),
    }),
  ),
});

export const PinSchema = Type.Object(
  {
    articleId: Type.Integer({ minimum: 1, description: 'A published, non-sponsored story' }),
    headline: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], { description: 'Front-only headline; empty or null: the story’s own' })),
    mediaId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Front-only photo from the media library; null: the story’s lead photo' })),
    expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()], { description: 'When the pin ends (ISO 8601 with offset); null: until changed' })),
  },
  { additionalProperties: false },
);

export const MoveSchema = Type.Object(
  {
    from: Type.Integer({ minimum: 0, maximum: 100, description: 'The slot whose story moves' }),
    to: Type.Integer({ minimum: 0, maximum: 100, description: 'Where it goes; what was there takes its place' }),
  },
  { additionalProperties: false },
);
