import type { Teaser } from '../../domain/article.js';
import { shortCaption } from '../../domain/excerpt.js';
import { labelKicker } from '../../domain/label.js';
import type { SiteContext } from '../site-context.js';
import { ResponsiveImage } from './responsive-image.js';
import { TimeStamp } from './time-stamp.js';

/**
 * A story in a list: headline link, author, relative time, an excerpt ended
 * with […] and a thumbnail whose alt text is its (shortened) caption.
 */
export function TeaserItem({
  teaser,
  site,
  headingLevel = 3,
  size = 'small',
  snippetHtml,
}: {
  teaser: Teaser;
  site: SiteContext;
  headingLevel?: 2 | 3;
  size?: 'small' | 'lead';
  /** Search results: escaped text around the matches, with `<mark>`, shown instead of the excerpt. */
  snippetHtml?: string | undefined;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const kicker = labelKicker(teaser.label);
  const media = teaser.leadMedia;
  return (
    <li class={`teaser teaser-${size}`}>
      {media && (
        <div class="teaser-image">
          <ResponsiveImage
            media={media}
            alt={shortCaption(media.caption || media.alt)}
            sizes={size === 'lead' ? '(min-width: 960px) 640px, 100vw' : '(min-width: 640px) 200px, 33vw'}
            width={size === 'lead' ? 960 : 320}
            eager={size === 'lead'}
          />
        </div>
      )}
      <div class="teaser-text">
        {kicker && <p class="teaser-kicker">{kicker}</p>}
        <Heading class="teaser-headline">
          <a href={teaser.path}>{teaser.headline}</a>
        </Heading>
        <p class="teaser-meta">
          {teaser.authors.length > 0 && <span class="teaser-author">{teaser.authors.map((a) => a.name).join(', ')}</span>}{' '}
          <TimeStamp at={teaser.publishedAt} site={site} relative />
        </p>
        {snippetHtml ? (
          <p class="teaser-excerpt teaser-snippet" dangerouslySetInnerHTML={{ __html: snippetHtml }} />
        ) : (
          <p class="teaser-excerpt">{teaser.excerpt}</p>
        )}
      </div>
    </li>
  );
}
