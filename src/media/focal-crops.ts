import { cropAround, type FocalPoint, type Rendition, SOCIAL_CROP } from '../domain/media.js';
import type { MediaStore } from '../domain/media-store.js';
import { loadSharp, storeRenditions } from './make-renditions.js';

/**
 * The renditions a fixed shape needs, cut around the focal point so what
 * the editor clicked stays in the picture: today the social image (1200×630,
 * JPEG, what Open Graph and X cards show). Made at upload and again, by the
 * `media.crops` job, whenever the focal point moves. Never upscaled: a small
 * picture gets a smaller crop of the same shape. Metadata is stripped, as
 * for every rendition.
 */
export async function makeFocalCrops(original: Buffer, focal: FocalPoint, media: MediaStore): Promise<Rendition[]> {
  const sharp = await loadSharp();
  // The picture as displayed (EXIF orientation applied) is what the focal point was clicked on.
  const { data, info } = await sharp(original).rotate().toBuffer({ resolveWithObject: true });
  const region = cropAround({ width: info.width, height: info.height }, focal, SOCIAL_CROP.width / SOCIAL_CROP.height);
  const width = Math.min(SOCIAL_CROP.width, region.width);
  const height = Math.round(width / (SOCIAL_CROP.width / SOCIAL_CROP.height));
  const out = await sharp(data).extract(region).resize({ width, height, fit: 'cover' }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  return storeRenditions(media, [{ format: 'jpeg', width: out.info.width, height: out.info.height, data: out.data }]);
}
