import { pictureRightsNote } from '../../domain/copyright-notice.js';
import { creditLine, type Media } from '../../domain/media.js';
import { ResponsiveImage } from './responsive-image.js';

/** The story's lead photo with its whole caption, and the credit line naming each person or agency once. */
export function LeadFigure({ media }: { media: Media }) {
  const { credit, source } = creditLine(media);
  // The rights line adds what the credit does not say: "© 2010", or a notice for someone else.
  const rights = pictureRightsNote(media.copyright, [credit, ...source.split(' / ')]);
  return (
    <figure class="lead-figure">
      <ResponsiveImage media={media} alt={media.alt || media.caption} sizes="(min-width: 960px) 760px, 100vw" width={960} eager />
      <figcaption>
        {/* Spaces between the parts keep them apart in reader mode and plain text. */}
        {media.caption && <span class="caption">{media.caption}</span>}{' '}
        {credit && <span class="credit">Credit: {credit}</span>}{' '}
        {source && <span class="photo-source">({source})</span>}
        {rights && (
          <>
            {' '}
            <span class="photo-rights">{rights}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
