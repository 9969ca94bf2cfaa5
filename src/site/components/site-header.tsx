import type { SiteContext } from '../site-context.js';

/** The masthead logo's box: 40 px high, its width from the logo's own proportions (a wide wordmark stays wide, up to 4:1). */
function logoBox(site: SiteContext): { width: number; height: number } {
  const { width, height } = site.masthead;
  const ratio = width > 0 && height > 0 ? Math.min(Math.max(width / height, 0.5), 4) : 1;
  return { width: Math.round(40 * ratio), height: 40 };
}

/**
 * Masthead and section menu. On narrow screens the menu hides behind a
 * "Menu" link to #site-menu and shows while it is the :target, so it opens
 * and closes without JavaScript; "Close" links away again.
 */
export function SiteHeader({ site }: { site: SiteContext }) {
  const current = site.currentSection;
  const box = logoBox(site);
  return (
    <header class="site-header">
      <div class="masthead">
        <a class="site-name" href="/">
          <img src={site.masthead.path} alt="" width={box.width} height={box.height} />
          <span>{site.name}</span>
        </a>
        <div class="masthead-tools">
          {/* On a phone both tools are icons (their words stay for screen readers), leaving the name the line. */}
          <a class="search-link" href="/search">
            <svg class="tool-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4" />
              <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
            </svg>
            <span class="tool-label">Search</span>
          </a>
          <a class="menu-open" href="#site-menu">
            <span class="tool-label">Menu</span>
          </a>
        </div>
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
