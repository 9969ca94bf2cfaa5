import type { OutputInfo } from 'sharp';
import { DatelineError } from '../domain/errors.js';
import { MIME_BY_FORMAT, RENDITION_FORMATS, RENDITION_WIDTHS, type Rendition } from '../domain/media.js';
import { type MediaStore, mediaKey, mediaUrl } from '../domain/media-store.js';

export const EXTENSION: Record<Rendition['format'], string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** One encoded rendition before it is stored. */
export interface EncodedRendition {
  format: Rendition['format'];
  width: number;
  height: number;
  data: Buffer;
}

/** Decoders sharp reports for the upload formats we accept (AVIF decodes as `heif`). */
const ACCEPTED_INPUT = new Set(['jpeg', 'png', 'webp', 'heif', 'gif']);

/** How many widths are encoded at once; libvips already threads inside each encode. */
const WIDTH_CONCURRENCY = 2;

const BAD_INPUT_HINT = 'Upload a JPEG, PNG, WebP, AVIF or GIF picture.';

function badInput(reason: string, cause?: unknown): DatelineError {
  return new DatelineError('BAD_INPUT', `The file is not an image Dateline can read (${reason}).`, {
    hint: BAD_INPUT_HINT,
    cause,
  });
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown decoder error';
}

/**
 * Encodes a picture into every width and format the pages ask for and puts
 * each into the media store under the hash of its bytes, so its public URL
 * (`/media/<sha256>.<ext>`) is unguessable and never changes meaning.
 */
export async function makeRenditions(
  input: Buffer,
  options: { media: MediaStore; widths?: readonly number[]; formats?: readonly Rendition['format'][] },
): Promise<{ width: number; height: number; renditions: Rendition[] }> {
  const encoded = await encodeRenditions(input, options);
  return { width: encoded.width, height: encoded.height, renditions: await storeRenditions(options.media, encoded.renditions) };
}

/** Puts encoded renditions into the media store; returns them with their content-addressed URLs and sizes. */
export async function storeRenditions(media: MediaStore, encoded: readonly EncodedRendition[]): Promise<Rendition[]> {
  const out: Rendition[] = [];
  for (const { data, ...r } of encoded) {
    const key = mediaKey(data, EXTENSION[r.format]);
    await media.put(key, data, MIME_BY_FORMAT[r.format]);
    out.push({ ...r, url: mediaUrl(key), bytes: data.length });
  }
  return out;
}

/**
 * Encodes an uploaded picture once, at upload/seed time, into every width and
 * format the pages ask for, so that serving a picture is a plain read of
 * stored bytes: no resizing on the request path, and no unbounded CPU per page view.
 *
 * - EXIF orientation is applied and all metadata (EXIF GPS, camera serials…) is
 *   stripped, so what readers download is what the photo desk saw.
 * - Widths larger than the original are skipped (never upscale); a picture
 *   smaller than every width gets a single rendition at its own width.
 * - Widths run two at a time to bound memory on small servers; AVIF uses a low
 *   effort because it is by far the slowest encoder.
 *
 * @throws DatelineError BAD_INPUT when sharp cannot decode `input`.
 */
export async function encodeRenditions(
  input: Buffer,
  options: { widths?: readonly number[]; formats?: readonly Rendition['format'][] } = {},
): Promise<{ width: number; height: number; renditions: EncodedRendition[] }> {
  const formats = options.formats ?? RENDITION_FORMATS;

  let width: number;
  let height: number;
  try {
    const sharp = await loadSharp();
    const meta = await sharp(input).metadata();
    if (!ACCEPTED_INPUT.has(meta.format)) {
      throw badInput(`${meta.format} files are not accepted`);
    }
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) throw badInput('it has no width or height');
  } catch (error) {
    if (error instanceof DatelineError) throw error;
    throw badInput(reasonOf(error), error);
  }

  const requested = [...new Set(options.widths ?? RENDITION_WIDTHS)]
    .filter((w) => Number.isInteger(w) && w > 0)
    .sort((a, b) => a - b);
  const fitting = requested.filter((w) => w <= width);
  const widths = fitting.length > 0 ? fitting : [width];

  const perWidth = await mapLimit(widths, WIDTH_CONCURRENCY, async (w) => {
    const out: EncodedRendition[] = [];
    // Formats run one after another within a width: avif alone saturates the cores.
    for (const format of formats) {
      const { data, info } = await encode(input, w, format);
      out.push({ format, width: info.width, height: info.height, data });
    }
    return out;
  });

  return { width, height, renditions: perWidth.flat() };
}

async function encode(
  input: Buffer,
  width: number,
  format: Rendition['format'],
): Promise<{ data: Buffer; info: OutputInfo }> {
  const sharp = await loadSharp();
  let pipeline = sharp(input).rotate().resize({ width, withoutEnlargement: true });
  if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: 80, mozjpeg: true });
  else if (format === 'webp') pipeline = pipeline.webp({ quality: 78 });
  else pipeline = pipeline.avif({ quality: 55, effort: 2 });
  try {
    // No withMetadata()/keepMetadata(): sharp strips EXIF, XMP and ICC-by-name by default.
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    // The header parsed but the pixels did not (truncated or corrupt file).
    throw badInput(reasonOf(error), error);
  }
}

/** Like Promise.all over `items.map(fn)`, with at most `limit` in flight; keeps order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * sharp (libvips) costs tens of megabytes once loaded; most server
 * processes never touch a picture, so it is loaded on first use.
 */
export async function loadSharp(): Promise<typeof import('sharp').default> {
  return (await import('sharp')).default;
}
