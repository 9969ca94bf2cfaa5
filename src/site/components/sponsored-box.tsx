import type { Teaser } from '../../domain/article.js';

/**
 * Paid content, labelled and kept apart from editorial lists. Every link
 * carries rel="sponsored" so search engines do not count it as an endorsement.
 */
export function SponsoredBox({ items }: { items: Teaser[] }) {
  if (items.length === 0) return null;
  return (
    <aside class="sponsored-box" aria-label="Sponsored">
      <h2>Sponsored Articles</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {item.sponsor && <p class="sponsor-name">{item.sponsor.name}</p>}
            <h3>
              <a rel="sponsored" href={item.path}>
                {item.headline}
              </a>
            </h3>
            <p class="sponsor-blurb">{item.summary || item.sponsor?.blurb}</p>
          </li>
        ))}
      </ul>
    </aside>
  );
}
