import type { FastifyRequest } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import { MEDIA_FIELD_LIMITS, type MediaFields } from './media-library.js';

const FIELDS = Object.keys(MEDIA_FIELD_LIMITS) as Array<keyof MediaFields>;

/**
 * Reads a multipart upload: one part named `file` and the optional text
 * fields. Turns what @fastify/multipart throws into errors that say what to
 * do; a file over the limit is TOO_LARGE (413).
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ file: { name: string; data: Buffer }; fields: MediaFields }> {
  let file: { name: string; data: Buffer } | undefined;
  const fields: MediaFields = {};
  // Known before the file is read, so a file over the limit can be named.
  let fileName: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw unknownField(part.fieldname);
        fileName = part.filename;
        file = { name: part.filename, data: await part.toBuffer() };
      } else {
        const key = part.fieldname as keyof MediaFields;
        if (!FIELDS.includes(key)) throw unknownField(part.fieldname);
        if (part.valueTruncated) throw new DatelineError('BAD_INPUT', `The ${key} is too long.`, { hint: `Keep the ${key} under ${MEDIA_FIELD_LIMITS[key]} characters.` });
        fields[key] = String(part.value);
      }
    }
  } catch (error) {
    throw uploadError(error, fileName, maxBytes);
  }
  if (!file) {
    throw new DatelineError('BAD_INPUT', 'The upload has no file.', {
      hint: 'Send the picture as multipart/form-data in a part named “file”.',
    });
  }
  return { file, fields };
}

function unknownField(name: string): DatelineError {
  return new DatelineError('BAD_INPUT', `The upload has an unknown part “${name}”.`, {
    hint: `Send the picture as “file”, and optionally ${FIELDS.join(', ')}.`,
  });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function uploadError(error: unknown, name: string | undefined, maxBytes: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return Object.assign(
      new DatelineError('TOO_LARGE', `The file${name ? ` “${name}”` : ''} is larger than the ${megabytes(maxBytes)} upload limit.`, {
        hint: 'Export the picture at a smaller size or lower quality (a few MB is plenty for the web), or ask an administrator to raise MEDIA_MAX_UPLOAD_MB.',
        cause: error,
      }),
      // The admin error handler answers a DatelineError with its own statusCode when one is set.
      { statusCode: 413 },
    );
  }
  if (code === 'FST_FILES_LIMIT') return new DatelineError('BAD_INPUT', 'The upload has more than one file.', { hint: 'Send one picture per request.', cause: error });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new DatelineError('BAD_INPUT', 'The upload is not multipart/form-data.', {
      hint: 'Send the picture as multipart/form-data in a part named “file” (a browser form or FormData does this).',
      cause: error,
    });
  }
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return new DatelineError('BAD_INPUT', `The upload could not be read: ${(error as Error).message}.`, {
      hint: 'Send one picture as “file” and the text fields caption, credit, source and alt.',
      cause: error,
    });
  }
  return error;
}
