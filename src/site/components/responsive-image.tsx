import { type Media, objectPosition, renditionNear, srcsetOf } from '../../domain/media.js';

/**
 * A picture in every rendition the media library made: AVIF and WebP
 * sources, a JPEG `<img>` with width and height so the layout never jumps.
 * Where the stylesheet crops it to a fixed shape (teasers: `object-fit:
 * cover`), the focal point the editor clicked is what stays in view.
 */
export function ResponsiveImage({
  media,
  alt,
  sizes,
  width,
  eager = false,
}: {
  media: Media;
  alt: string;
  sizes: string;
  /** Width of the fallback `src`. */
  width: number;
  eager?: boolean;
}) {
  const fallback = renditionNear(media, width, 'jpeg');
  if (!fallback) return null;
  const avif = srcsetOf(media, 'avif');
  const webp = srcsetOf(media, 'webp');
  const position = objectPosition(media.focal);
  return (
    <picture>
      {avif && <source type="image/avif" srcset={avif} sizes={sizes} />}
      {webp && <source type="image/webp" srcset={webp} sizes={sizes} />}
      <img
        src={fallback.url}
        srcset={srcsetOf(media, 'jpeg')}
        sizes={sizes}
        alt={alt}
        width={media.width}
        height={media.height}
        loading={eager ? undefined : 'lazy'}
        decoding="async"
        fetchpriority={eager ? 'high' : undefined}
        style={position ? `object-position: ${position}` : undefined}
      />
    </picture>
  );
}
