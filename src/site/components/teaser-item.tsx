import type { Teaser } from '../../domain/article.js';
import { shortCaption } from '../../domain/excerpt.js';
import { hasPhoto, RIVER_TEXT_CHARS, teaserText } from '../../domain/front-layout.js';
import { labelKicker } from '../../domain/label.js';
import type { Media } from '../../domain/media.js';
import type { SiteContext } from '../site-context.js';
import { ResponsiveImage } from './responsive-image.js';
import { TimeStamp } from './time-stamp.js';

/** The sizes a teaser comes in: the lead of a front, a top story beside it, or a line of a list. */
export type TeaserSize = 'lead' | 'top' | 'small';

const IMAGE: Record<TeaserSize, { sizes: string; width: number }> = {
  lead: { sizes: '(min-width: 960px) 640px, 100vw', width: 960 },
  top: { sizes: '(min-width: 960px) 300px, (min-width: 640px) 200px, 33vw', width: 640 },
  small: { sizes: '(min-width: 640px) 200px, 33vw', width: 320 },
};

/**
 * A story in a list: headline link, author, relative time, the summary (or
 * the body's opening, ended with […]) and a thumbnail whose alt text is its
 * (shortened) caption. A story with no picture gets no picture box at all.
 */
export function TeaserItem({
  teaser,
  site,
  headingLevel = 3,
  size = 'small',
  snippetHtml,
  headline,
  media = teaser.leadMedia,
  textChars = RIVER_TEXT_CHARS,
}: {
  teaser: Teaser;
  site: SiteContext;
  headingLevel?: 2 | 3;
  size?: TeaserSize;
  /** Search results: escaped text around the matches, with `<mark>`, shown instead of the excerpt. */
  snippetHtml?: string | undefined;
  /** A front-only headline the desk set; else the story's own. */
  headline?: string | null | undefined;
  /** The picture to show (a front may set its own); null for none. */
  media?: Media | null;
  /** The most characters of summary this place shows; cut once here, never again by styles. */
  textChars?: number;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const kicker = labelKicker(teaser.label);
  const picture = hasPhoto(media) ? media : null;
  const image = IMAGE[size];
  return (
    <li class={`teaser teaser-${size}${picture ? '' : ' teaser-no-image'}`}>
      {picture && (
        <div class="teaser-image">
          <ResponsiveImage
            media={picture}
            alt={shortCaption(picture.caption || picture.alt)}
            sizes={image.sizes}
            width={image.width}
            eager={size === 'lead'}
          />
        </div>
      )}
      <div class="teaser-text">
        {kicker && <p class="teaser-kicker">{kicker}</p>}
        <Heading class="teaser-headline">
          <a href={teaser.path}>{headline || teaser.headline}</a>
        </Heading>
        <p class="teaser-meta">
          {teaser.authors.length > 0 && <span class="teaser-author">{teaser.authors.map((a) => a.name).join(', ')}</span>}{' '}
          <TimeStamp at={teaser.publishedAt} site={site} relative />
        </p>
        {snippetHtml ? (
          <p class="teaser-excerpt teaser-snippet" dangerouslySetInnerHTML={{ __html: snippetHtml }} />
        ) : (
          <p class="teaser-excerpt">{teaserText(teaser, textChars)}</p>
        )}
      </div>
    </li>
  );
}
