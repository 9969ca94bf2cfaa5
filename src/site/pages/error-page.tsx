import { Document } from '../components/document.js';
import type { SiteContext } from '../site-context.js';

const COPY: Record<number, { title: string; text: string }> = {
  400: { title: 'That address is not quite right', text: 'Part of the link you followed is malformed.' },
  404: { title: 'Page not found', text: 'We could not find that page. The story may have moved, or the link may be mistyped.' },
  410: { title: 'This story has been removed', text: 'The story that was here has been withdrawn and is no longer available.' },
  500: { title: 'Something went wrong', text: 'The page could not be shown because of an error on our side. Please try again in a minute.' },
};

export function ErrorPage({ status, site, path }: { status: number; site: SiteContext; path: string }) {
  const copy = COPY[status] ?? (COPY[500] as { title: string; text: string });
  return (
    <Document
      site={site}
      meta={{ title: `${copy.title} | ${site.name}`, description: copy.text, path, type: 'website', noindex: true }}
    >
      <div class="error-page">
        <p class="error-code">Error {status}</p>
        <h1>{copy.title}</h1>
        <p>{copy.text}</p>
        <p>
          <a href="/">Go to the front page</a> or pick a section:
        </p>
        <ul class="error-sections">
          {site.menu.map((item) => (
            <li key={item.path}>
              <a href={item.path}>{item.name}</a>
            </li>
          ))}
        </ul>
      </div>
    </Document>
  );
}
