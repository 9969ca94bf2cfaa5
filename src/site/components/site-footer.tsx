import { SubscribeForm } from '../message-page.js';
import type { SiteContext } from '../site-context.js';

export function SiteFooter({ site }: { site: SiteContext }) {
  return (
    <footer class="site-footer">
      {site.newsletter && (
        <SubscribeForm action={`/newsletters/${site.newsletter.slug}/subscribe`} listName={site.newsletter.name} description={site.newsletter.description} />
      )}
      <nav aria-label="Site">
        <ul>
          {site.menu.map((item) => (
            <li key={item.path}>
              <a href={item.path}>{item.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {site.footerPages.length > 0 && (
        <nav aria-label="About us">
          <ul>
            {site.footerPages.map((item) => (
              <li key={item.path}>
                <a href={item.path}>{item.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>
        © {site.now.getUTCFullYear()} {site.name}. {site.description}
      </p>
    </footer>
  );
}
