import { Type } from 'typebox';
import { MEDIA_FIELD_LIMITS } from './media-library.js';

/** Request and response shapes of the media library routes (src/newsroom/admin-api-contract.ts). */

export const MediaSchema = Type.Object({
  id: Type.Integer(),
  originalName: Type.String({ description: 'The file name as uploaded' }),
  mime: Type.String({ description: 'The type the file really decoded as' }),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer({ description: 'Size of the uploaded file' }),
  caption: Type.String(),
  credit: Type.String({ description: 'Copyright holder, shown as "Credit: NAME"' }),
  source: Type.String({ description: 'Photographer and agency' }),
  alt: Type.String({ description: 'Text alternative for readers who cannot see the picture' }),
  focalX: Type.Number({ description: 'Focal point from the left edge, 0–1: crops keep it in view' }),
  focalY: Type.Number({ description: 'Focal point from the top edge, 0–1' }),
  thumbnailUrl: Type.String({ description: 'A small JPEG rendition for the library grid' }),
  renditions: Type.Array(
    Type.Object({ format: Type.String(), width: Type.Integer(), height: Type.Integer(), url: Type.String() }),
    { description: 'WebP and JPEG at once; AVIF follows a moment after the upload' },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  restricted: Type.Optional(Type.Boolean({ description: 'The words are withheld: only stories you may not open use this picture' })),
  embedded: Type.Optional(
    Type.Object(
      {
        caption: Type.String(),
        headline: Type.String(),
        creator: Type.String(),
        credit: Type.String(),
        copyright: Type.String(),
        source: Type.String(),
        alt: Type.String(),
      },
      { description: "On upload: the file's own IPTC/XMP metadata, which filled the fields left empty" },
    ),
  ),
});

export const MediaListSchema = Type.Object({
  items: Type.Array(MediaSchema, { description: 'Newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last' }),
});

export const MediaQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find in the caption, credit, source, alt text or file name' })),
    cursor: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 40 })),
  },
  { additionalProperties: false },
);

const text = (key: keyof typeof MEDIA_FIELD_LIMITS, description?: string) =>
  Type.Optional(Type.String({ maxLength: MEDIA_FIELD_LIMITS[key], ...(description && { description }) }));

export const MediaPatchSchema = Type.Object(
  {
    caption: text('caption'),
    credit: text('credit', 'Copyright holder'),
    source: text('source', 'Photographer and agency'),
    alt: text('alt', 'Text alternative'),
    focalX: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Focal point from the left edge, 0–1 (with focalY)' })),
    focalY: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Focal point from the top edge, 0–1 (with focalX)' })),
  },
  { additionalProperties: false },
);

/** For the OpenAPI document only: the multipart form is read by the handler itself. */
export const MediaUploadForm = Type.Object({
  file: Type.String({ format: 'binary', description: 'One picture: JPEG, PNG, WebP, AVIF or GIF' }),
  caption: text('caption'),
  credit: text('credit'),
  source: text('source'),
  alt: text('alt'),
});
