import { SOCIAL_NAMES } from '../../domain/site-settings.js';
import { SubscribeForm } from '../message-page.js';
import type { SiteContext } from '../site-context.js';

/**
 * The footer: the newsletter, the sections, the newsroom's own pages (About,
 * Contact, the ethics and corrections policies: the disclosures readers look
 * for), the links and social accounts set in the newsroom's settings.
 */
export function SiteFooter({ site }: { site: SiteContext }) {
  const external = (url: string) => /^https?:\/\//.test(url);
  return (
    <footer class="site-footer">
      <div class="footer-inner">
        {site.newsletter && (
          <SubscribeForm action={`/newsletters/${site.newsletter.slug}/subscribe`} listName={site.newsletter.name} description={site.newsletter.description} />
        )}
        <div class="footer-columns">
          <nav aria-label="Sections in the footer">
            <h2 class="footer-heading">Sections</h2>
            <ul>
              {site.menu.map((item) => (
                <li key={item.path}>
                  <a href={item.path}>{item.name}</a>
                </li>
              ))}
            </ul>
          </nav>
          {(site.footerPages.length > 0 || site.footerLinks.length > 0) && (
            <nav aria-label="About us">
              <h2 class="footer-heading">About us</h2>
              <ul>
                {site.footerPages.map((item) => (
                  <li key={item.path}>
                    <a href={item.path}>{item.name}</a>
                  </li>
                ))}
                {site.footerLinks.map((link) => (
                  <li key={link.url}>
                    <a href={link.url} rel={external(link.url) ? 'noopener' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {site.social.length > 0 && (
            <nav aria-label="Follow us">
              <h2 class="footer-heading">Follow us</h2>
              <ul>
                {site.social.map((account) => (
                  <li key={account.network}>
                    <a href={account.url} rel="me noopener">
                      {SOCIAL_NAMES[account.network]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
        <p class="footer-note">
          © {site.now.getUTCFullYear()} {site.name}. {site.description}
        </p>
      </div>
    </footer>
  );
}
