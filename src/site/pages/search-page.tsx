import { type Section, sectionPath } from '../../domain/section.js';
import type { SearchHit } from '../../store/index.js';
import { Document } from '../components/document.js';
import { SearchPager } from '../components/search-pager.js';
import { TeaserItem } from '../components/teaser-item.js';
import type { SearchForm } from '../search-request.js';
import type { SiteContext } from '../site-context.js';

export interface SearchPageData {
  form: SearchForm;
  /** Sections for the filter, top-level ones each followed by their sub-sections. */
  sections: Section[];
  sectionsById: ReadonlyMap<number, Section>;
  /** Absent before the reader searches and when the search is malformed. */
  result?: { hits: SearchHit[]; total: number; capped: boolean; page: number; pages: number } | undefined;
  /** What was wrong with the search, and what to do. */
  error?: { message: string; hint?: string | undefined } | undefined;
  urlOf: (page: number) => string;
}

const count = new Intl.NumberFormat('en-US');

/** The search form and, once the reader searched, ranked results with highlighted snippets. */
export function SearchPage({ data, site }: { data: SearchPageData; site: SiteContext }) {
  const { form, result, error } = data;
  const searched = result !== undefined;
  const title = searched && form.q ? `Search: ${form.q}` : 'Search';
  const prev = result && result.page > 1 ? data.urlOf(result.page - 1) : undefined;
  const next = result && result.page < result.pages ? data.urlOf(result.page + 1) : undefined;
  return (
    <Document
      site={site}
      meta={{ title: `${title} | ${site.name}`, description: `Search the stories of ${site.name}.`, path: '/search', type: 'website', noindex: true, prev, next }}
    >
      <header class="list-header search-header">
        <h1>Search</h1>
        {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is announced by every screen reader; the newer <search> element is not yet. */}
        <form role="search" action="/search" method="get" class="search-form" aria-label="Search stories">
          <p class="search-field search-words">
            <label for="search-q">Words to find</label>
            <input id="search-q" type="search" name="q" value={form.q} maxLength={200} required />
          </p>
          <p class="search-field">
            <label for="search-section">Section</label>
            <select id="search-section" name="section">
              <option value="">All sections</option>
              {data.sections.map((section) => (
                <option key={section.id} value={section.slug} selected={section.slug === form.section}>
                  {optionLabel(section, data.sectionsById)}
                </option>
              ))}
            </select>
          </p>
          <p class="search-field">
            <label for="search-from">From</label>
            <input id="search-from" type="date" name="from" value={form.from} />
          </p>
          <p class="search-field">
            <label for="search-to">To</label>
            <input id="search-to" type="date" name="to" value={form.to} />
          </p>
          <p class="search-submit">
            <button type="submit">Search</button>
          </p>
        </form>
      </header>
      {error && (
        <div class="search-error" role="alert">
          <p>
            <strong>{error.message}</strong>
          </p>
          {error.hint && <p>{error.hint}</p>}
        </div>
      )}
      {result && (
        <section class="search-results" aria-labelledby="search-count">
          <h2 id="search-count" class="search-count">
            {resultCount(result)} for “{form.q}”
          </h2>
          {result.hits.length === 0 ? (
            <p class="empty">
              {result.total === 0
                ? 'No stories match your search. Check the spelling, try fewer or other words, or widen the section and dates.'
                : 'There are no more results. Go back to the first page of results.'}
            </p>
          ) : (
            <ol class="teaser-list">
              {result.hits.map((hit) => (
                <TeaserItem key={hit.teaser.id} teaser={hit.teaser} site={site} snippetHtml={hit.snippetHtml} />
              ))}
            </ol>
          )}
          <SearchPager page={result.page} pages={result.pages} urlOf={data.urlOf} />
        </section>
      )}
    </Document>
  );
}

function resultCount({ total, capped }: { total: number; capped: boolean }): string {
  if (capped) return `${count.format(total)}+ results`;
  return total === 1 ? '1 result' : `${count.format(total)} results`;
}

/** "News › Politics" for a sub-section, so the list reads as a tree without indentation tricks. */
function optionLabel(section: Section, byId: ReadonlyMap<number, Section>): string {
  const parts = sectionPath(section, byId)
    .split('/')
    .filter(Boolean)
    .map((slug) => [...byId.values()].find((s) => s.slug === slug)?.name ?? slug);
  return parts.join(' › ');
}
