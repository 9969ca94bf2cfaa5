import type { Teaser } from '../../domain/article.js';
import type { SiteContext } from '../site-context.js';
import { teaserItemHtml } from './teaser-item.js';

export function TeaserList({
  teasers,
  site,
  empty,
  headingLevel = 3,
}: {
  teasers: Teaser[];
  site: SiteContext;
  empty?: string;
  /** 2 when the list sits right under the page's h1 (list pages), 3 under a section heading. */
  headingLevel?: 2 | 3;
}) {
  if (teasers.length === 0) return <p class="empty">{empty ?? 'No stories yet.'}</p>;
  // Each item's HTML is kept with its teaser between renders (see teaserItemHtml); the same bytes as <TeaserItem>s.
  return <ul class="teaser-list" dangerouslySetInnerHTML={{ __html: teasers.map((teaser) => teaserItemHtml({ teaser, site, headingLevel })).join('') }} />;
}
