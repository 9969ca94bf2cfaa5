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
  thumbnailUrl: Type.String({ description: 'A small JPEG rendition for the library grid' }),
  renditions: Type.Array(
    Type.Object({ format: Type.String(), width: Type.Integer(), height: Type.Integer(), url: Type.String() }),
    { description: 'WebP and JPEG at once; AVIF follows a moment after the upload' },
  ),
  createdAt: Type.String({ format: 'date-time' }),
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
  { caption: text('caption'), credit: text('credit', 'Copyright holder'), source: text('source', 'Photographer and agency'), alt: text('alt', 'Text alternative') },
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
