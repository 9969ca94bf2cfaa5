import type { SiteContext } from '../site-context.js';

export function SiteFooter({ site }: { site: SiteContext }) {
  return (
    <footer class="site-footer">
      <nav aria-label="Site">
        <ul>
          {site.menu.map((item) => (
            <li key={item.path}>
              <a href={item.path}>{item.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        © {site.now.getUTCFullYear()} {site.name}. {site.description}
      </p>
    </footer>
  );
}
