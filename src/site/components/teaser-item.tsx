import { renderToString } from 'preact-render-to-string';
import type { Teaser } from '../../domain/article.js';
import { shortCaption } from '../../domain/excerpt.js';
import { hasPhoto, RIVER_TEXT_CHARS, teaserText } from '../../domain/front-layout.js';
import { escapeHtml } from '../../domain/html-text.js';
import { labelKicker } from '../../domain/label.js';
import type { Media } from '../../domain/media.js';
import { formatRelative } from '../../domain/time-format.js';
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
export interface TeaserItemProps {
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
  /** Stands in for the relative time when the item is rendered to be kept (see teaserItemHtml). */
  relativeMark?: string;
}

export function TeaserItem({
  teaser,
  site,
  headingLevel = 3,
  size = 'small',
  snippetHtml,
  headline,
  media = teaser.leadMedia,
  textChars = RIVER_TEXT_CHARS,
  relativeMark,
}: TeaserItemProps) {
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
          <TimeStamp at={teaser.publishedAt} site={site} relative relativeText={relativeMark} />
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

/** Marks where the relative time goes in a kept rendering; no story text holds a NUL. */
const RELATIVE_MARK = '\u0000';

/**
 * Teasers as HTML, kept with the teaser object they show: the fronts keep
 * their teasers between renders (src/store/kept-teasers.ts) and drop one
 * when its story changes, so a kept rendering goes with it. Everything in
 * an item but its relative time ("5 minutes ago") is the same render after
 * render; that is worded afresh each time and put in its place.
 */
const renderedItems = new WeakMap<Teaser, Map<string, readonly [string, string]>>();

/**
 * One teaser's `<li>`, as `<TeaserItem>` renders it, for lists that put
 * their items' HTML in their `<ul>` (TeaserList, FrontSlots).
 */
export function teaserItemHtml(props: TeaserItemProps): string {
  const { teaser, site } = props;
  const media = props.media === undefined ? teaser.leadMedia : props.media;
  const relative = escapeHtml(formatRelative(teaser.publishedAt, site.now, site.timeZone, site.language));
  // A front's own photo is read at each render, so only the story's own picture (or none) is kept.
  if (props.snippetHtml || (media !== null && media !== teaser.leadMedia)) {
    return renderToString(<TeaserItem {...props} relativeMark={RELATIVE_MARK} />).replace(RELATIVE_MARK, relative);
  }
  const key = `${props.size ?? 'small'} ${props.headingLevel ?? 3} ${props.textChars ?? RIVER_TEXT_CHARS} ${media ? 1 : 0} ${site.timeZone} ${site.language} ${props.headline ?? ''}`;
  let variants = renderedItems.get(teaser);
  if (!variants) {
    variants = new Map();
    renderedItems.set(teaser, variants);
  }
  let halves = variants.get(key);
  if (!halves) {
    const html = renderToString(<TeaserItem {...props} relativeMark={RELATIVE_MARK} />);
    const at = html.indexOf(RELATIVE_MARK);
    halves = [html.slice(0, at), html.slice(at + RELATIVE_MARK.length)];
    variants.set(key, halves);
  }
  return `${halves[0]}${relative}${halves[1]}`;
}
