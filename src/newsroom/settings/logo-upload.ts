import { createHash } from 'node:crypto';
import { DatelineError } from '../../domain/errors.js';
import type { StoredLogo } from '../../domain/site-settings.js';
import { sanitizeSvg } from './sanitize-svg.js';

/** The largest logo file accepted (SVG or PNG). */
export const MAX_LOGO_BYTES = 1024 * 1024;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ProcessedLogo {
  logo: StoredLogo;
  /** What the SVG sanitizer took out, for the editor to see. */
  removed: string[];
}

/**
 * Turns an uploaded logo into what the site serves: an SVG is sanitized and
 * kept as SVG for the masthead; a PNG is decoded and written anew (nothing
 * but pixels survive); both get a PNG raster (feeds and JSON-LD want one) and
 * a square favicon. The file's content decides its type, never its name.
 */
export async function processLogo(data: Buffer): Promise<ProcessedLogo> {
  if (data.length === 0) throw new DatelineError('BAD_INPUT', 'The logo file is empty.', { hint: 'Choose an SVG or PNG file.' });
  if (data.length > MAX_LOGO_BYTES) {
    throw new DatelineError('TOO_LARGE', `The logo is ${Math.round(data.length / 1024)} KB; the limit is ${MAX_LOGO_BYTES / 1024} KB.`, { hint: 'Export it smaller (a logo needs at most 1200 px), or as SVG.' });
  }
  const { default: sharp } = await import('sharp');
  const isPng = data.subarray(0, 8).equals(PNG_MAGIC);
  const head = data.subarray(0, 2048).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  const isSvg = !isPng && head.startsWith('<') && /<svg[\s>]/.test(data.toString('utf8'));
  if (!isPng && !isSvg) {
    throw new DatelineError('BAD_INPUT', 'The logo must be an SVG drawing or a PNG picture; this file is neither.', { hint: 'Export the logo as .svg or .png and upload that.' });
  }

  let original: Buffer;
  let type: StoredLogo['type'];
  let removed: string[] = [];
  let source: ReturnType<typeof sharp>;
  try {
    if (isSvg) {
      const clean = sanitizeSvg(data);
      removed = clean.removed;
      original = Buffer.from(clean.svg);
      type = 'image/svg+xml';
      // Drawn large enough that the 600 px raster is sharp; the sanitized file references nothing outside itself.
      source = sharp(original, { density: 288, limitInputPixels: 40_000_000 });
    } else {
      const meta = await sharp(data, { limitInputPixels: 40_000_000 }).metadata();
      if (meta.format !== 'png') throw new Error('not a png');
      // Written anew: only pixels survive (no text chunks, no trailing data), at most 1200 px on the long side.
      original = await sharp(data).resize({ width: 1200, height: 1200, fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer();
      type = 'image/png';
      source = sharp(original);
    }
  } catch (error) {
    if (error instanceof DatelineError) throw error;
    throw new DatelineError('BAD_INPUT', `The logo could not be read as ${isSvg ? 'SVG' : 'PNG'} (${(error as Error).message}).`, { hint: 'Open it in a drawing program, export it again as .svg or .png, and upload that.' });
  }

  let raster: { data: Buffer; info: { width: number; height: number } };
  let icon: Buffer;
  try {
    raster = await source.clone().resize({ width: 600, height: 600, fit: 'inside', withoutEnlargement: !isSvg }).png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    icon = await sharp(raster.data).resize({ width: 192, height: 192, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png({ compressionLevel: 9 }).toBuffer();
  } catch (error) {
    throw new DatelineError('BAD_INPUT', `The logo could not be drawn (${(error as Error).message}).`, { hint: 'Give the SVG a width and height or a viewBox, or upload a PNG.' });
  }
  const { width, height } = isSvg ? svgSize(original.toString('utf8'), raster.info) : await sharp(original).metadata().then((m) => ({ width: m.width ?? 0, height: m.height ?? 0 }));
  if (raster.info.width < 16 || raster.info.height < 16) {
    throw new DatelineError('BAD_INPUT', `The logo is ${raster.info.width}×${raster.info.height} px, too small to show.`, { hint: 'Upload a logo at least 112 px wide, or as SVG.' });
  }
  return {
    logo: {
      type,
      hash: createHash('sha256').update(original).digest('hex').slice(0, 16),
      width,
      height,
      original: original.toString('base64'),
      png: raster.data.toString('base64'),
      pngWidth: raster.info.width,
      pngHeight: raster.info.height,
      icon: icon.toString('base64'),
    },
    removed,
  };
}

/** An SVG's intrinsic proportions (for the masthead's width and height attributes), from its viewBox or size. */
function svgSize(svg: string, raster: { width: number; height: number }): { width: number; height: number } {
  const viewBox = /<svg[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(svg);
  if (viewBox) return { width: Math.round(Number(viewBox[1])), height: Math.round(Number(viewBox[2])) };
  return raster;
}
