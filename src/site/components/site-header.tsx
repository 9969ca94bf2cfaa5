import type { SiteContext } from '../site-context.js';

/**
 * Masthead and section menu. On narrow screens the menu hides behind a
 * "Menu" link to #site-menu and shows while it is the :target, so it opens
 * and closes without JavaScript; "Close" links away again.
 */
export function SiteHeader({ site }: { site: SiteContext }) {
  const current = site.currentSection;
  return (
    <header class="site-header">
      <div class="masthead">
        <a class="site-name" href="/">
          <img src={site.logo} alt="" width="40" height="40" />
          <span>{site.name}</span>
        </a>
        <a class="search-link" href="/search">
          Search
        </a>
        <a class="menu-open" href="#site-menu">
          Menu
        </a>
      </div>
      <nav id="site-menu" class="site-nav" aria-label="Sections">
        <a class="menu-close" href="#main">
          Close
        </a>
        <ul>
          {site.menu.map((item) => (
            <li key={item.path}>
              <a href={item.path} aria-current={current && item.path === `/${current.slug}` ? 'page' : undefined}>
                {item.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
