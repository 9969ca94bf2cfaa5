import type { Teaser } from '../../domain/article.js';
import type { SiteContext } from '../site-context.js';
import { TeaserItem } from './teaser-item.js';

export function TeaserList({ teasers, site, empty }: { teasers: Teaser[]; site: SiteContext; empty?: string }) {
  if (teasers.length === 0) return <p class="empty">{empty ?? 'No stories yet.'}</p>;
  return (
    <ul class="teaser-list">
      {teasers.map((teaser) => (
        <TeaserItem key={teaser.id} teaser={teaser} site={site} />
      ))}
    </ul>
  );
}
