import { Document } from '../components/document.js';
import type { SiteContext } from '../site-context.js';

const COPY: Record<number, { title: string; text: string }> = {
  400: { title: 'That address is not quite right', text: 'Part of the link you followed is malformed.' },
  404: { title: 'Page not found', text: 'We could not find that page. The story may have moved, or the link may be mistyped.' },
  410: { title: 'This story has been removed', text: 'The story that was here has been withdrawn and is no longer available.' },
  500: { title: 'Something went wrong', text: 'The page could not be shown because of an error on our side. Please try again in a minute.' },
};

/** Words of a missing page's address, offered as a search ("/news/harbour-ferry-cuts" → "harbour ferry cuts"). */
function wordsOf(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path.split('?')[0] ?? '');
  } catch {
    // A malformed address: no words to offer.
    return '';
  }
  const last = decoded.split('/').filter(Boolean).pop() ?? '';
  return last
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .split(/[-_+.\s]+/)
    .filter((w) => /^[\p{L}\p{N}]{2,}$/u.test(w) && !/^\d+$/.test(w))
    .slice(0, 8)
    .join(' ')
    .slice(0, 200);
}

/** Error pages: what happened, then ways on: search (prefilled from the address) and the sections. */
export function ErrorPage({ status, site, path }: { status: number; site: SiteContext; path: string }) {
  const copy = COPY[status] ?? (COPY[500] as { title: string; text: string });
  const offerSearch = status === 404 || status === 410;
  return (
    <Document
      site={site}
      meta={{ title: `${copy.title} | ${site.name}`, description: copy.text, path, type: 'website', noindex: true }}
    >
      <div class="error-page">
        <p class="error-code">Error {status}</p>
        <h1>{copy.title}</h1>
        <p>{copy.text}</p>
        {offerSearch && (
          // biome-ignore lint/a11y/useSemanticElements: role="search" on the form is announced by every screen reader; the newer <search> element is not yet.
          <form role="search" action="/search" method="get" class="error-search" aria-label="Search stories">
            <label for="error-search-q">Search our stories</label>
            <div class="error-search-row">
              <input id="error-search-q" type="search" name="q" value={wordsOf(path)} maxLength={200} required />
              <button type="submit">Search</button>
            </div>
          </form>
        )}
        <h2 class="error-sections-heading">
          Or go to the <a href="/">front page</a> or a section
        </h2>
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
