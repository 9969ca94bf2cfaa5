import type { FastifyInstance } from 'fastify';
import { isDatelineError } from '../domain/errors.js';
import { bySiblingOrder, childSections, type Section } from '../domain/section.js';
import { limitPerMinute } from '../rate-limits.js';
import { SEARCH_CANDIDATES, type Store } from '../store/index.js';
import { SearchPage, type SearchPageData } from './pages/search-page.js';
import { renderPage } from './render-page.js';
import { formOf, parseSearchRequest, SEARCH_PAGE_SIZE, type SearchForm, searchUrl } from './search-request.js';
import type { SiteContext } from './site-context.js';

export interface SearchRouteDeps {
  store: Store;
  clock: () => Date;
  /** The site as pages show it now; its time zone is the one `from` and `to` days are read in. */
  siteContext: () => Promise<SiteContext>;
  /** Searches per minute per client address (RATE_LIMIT_SEARCH; 0 = off). */
  perMinute: number;
}

const MAX_PAGE = Math.ceil(SEARCH_CANDIDATES / SEARCH_PAGE_SIZE);

/**
 * GET /search. Never kept in the page cache: every query string would be its
 * own entry, so arbitrary searches could push the fronts out of a bounded
 * cache, and results must change the moment a story is withdrawn. Searches
 * are cheap enough to run every time (docs/benchmarks.md).
 */
export async function searchRoute(app: FastifyInstance, deps: SearchRouteDeps): Promise<void> {
  const { store, clock, siteContext } = deps;

  app.get('/search', { onRequest: limitPerMinute(app, 'search', deps.perMinute, 'address') }, async (request, reply) => {
    const [site, all, sectionsById] = await Promise.all([siteContext(), store.sections.all(), store.sections.byId()]);
    const sections = treeOrder(all);
    let form: SearchForm = { q: '', section: '', from: '', to: '' };
    let status = 200;
    let data: Omit<SearchPageData, 'form' | 'sections' | 'sectionsById' | 'urlOf'> = {};
    try {
      const search = parseSearchRequest(request.query as Record<string, unknown>, all, site.timeZone, MAX_PAGE);
      form = search.form;
      if (search.text !== undefined) {
        const result = await store.search.query({
          text: search.text,
          sectionId: search.section?.id,
          from: search.from,
          to: search.to,
          limit: SEARCH_PAGE_SIZE,
          offset: (search.page - 1) * SEARCH_PAGE_SIZE,
          now: clock(),
        });
        data = { result: { ...result, page: search.page, pages: Math.ceil(result.total / SEARCH_PAGE_SIZE) } };
      }
    } catch (error) {
      if (!isDatelineError(error) || error.code !== 'BAD_INPUT') throw error;
      form = formOf(error) ?? form;
      status = 400;
      data = { error: { message: error.message, hint: error.hint } };
    }
    const body = renderPage(
      <SearchPage data={{ ...data, form, sections, sectionsById, urlOf: (page) => searchUrl(form, page) }} site={site} />,
    );
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
      )
      .send(body);
  });
}

/** Top-level sections in menu order, each followed by its sub-sections. */
function treeOrder(sections: readonly Section[]): Section[] {
  return sections
    .filter((s) => s.parentId === null)
    .sort(bySiblingOrder)
    .flatMap((top) => [top, ...childSections(sections, top.id)]);
}
