import { textOfHtml } from '../../domain/excerpt.js';
import type { StaticPage } from '../../domain/static-page.js';
import { Document } from '../components/document.js';
import type { SiteContext } from '../site-context.js';

/** About, Contact, a policy: the page's title and body with the site's header and footer around them. */
export function StaticPageView({ page, site }: { page: StaticPage; site: SiteContext }) {
  const description = page.description || textOfHtml(page.bodyHtml).slice(0, 160).trim() || `${page.title} at ${site.name}.`;
  return (
    <Document site={site} meta={{ title: `${page.title} | ${site.name}`, description, path: page.path, type: 'website' }}>
      <article class="static-page">
        <h1>{page.title}</h1>
        <div class="story-body" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      </article>
    </Document>
  );
}
