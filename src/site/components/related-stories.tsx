import type { Teaser } from '../../domain/article.js';
import type { SiteContext } from '../site-context.js';
import { TeaserList } from './teaser-list.js';

/** "Related": stories about the same people, places and subjects, ranked and stored by the related jobs. */
export function RelatedStories({ teasers, site }: { teasers: readonly Teaser[]; site: SiteContext }) {
  if (teasers.length === 0) return null;
  return (
    <section class="more-in related-stories" aria-labelledby="related-heading">
      <h2 id="related-heading">Related</h2>
      <TeaserList teasers={[...teasers]} site={site} />
    </section>
  );
}
