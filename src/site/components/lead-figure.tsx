import type { Media } from '../../domain/media.js';
import { ResponsiveImage } from './responsive-image.js';

/** The story's lead photo with its whole caption, credit and source. */
export function LeadFigure({ media }: { media: Media }) {
  return (
    <figure class="lead-figure">
      <ResponsiveImage media={media} alt={media.alt || media.caption} sizes="(min-width: 960px) 760px, 100vw" width={960} eager />
      <figcaption>
        {/* Spaces between the parts keep them apart in reader mode and plain text. */}
        {media.caption && <span class="caption">{media.caption}</span>}{' '}
        {media.credit && <span class="credit">Credit: {media.credit}</span>}{' '}
        {media.source && <span class="photo-source">({media.source})</span>}
      </figcaption>
    </figure>
  );
}
