import type { Selectable } from 'kysely';
import type { Teaser } from '../domain/article.js';
import { DatelineError } from '../domain/errors.js';
import { searchTerms } from '../domain/search-query.js';
import { hasMatch, snippetHtml } from '../domain/snippet-html.js';
import type { ArticleReader } from './article-reader.js';
import type { Db } from './database.js';
import type { ArticleTable } from './schema.js';
import { SearchGate } from './search-gate.js';
import { candidates, type SearchFilter, snippets } from './search-queries.js';
import type { SectionRepo } from './section-repo.js';

/**
 * How many matches a search ranks and counts. Past this the total reads
 * "500+" and the last page ends here: a word in every story then costs
 * what a rare one does.
 */
export const SEARCH_CANDIDATES = 500;
export const SEARCH_MAX_LIMIT = 100;

export interface SearchQuery {
  /** What the reader typed; any text is safe. */
  text: string;
  /** A top-level section includes its sub-sections. */
  sectionId?: number | undefined;
  /** Published at or after. */
  from?: Date | undefined;
  /** Published before. */
  to?: Date | undefined;
  limit: number;
  offset?: number | undefined;
  now: Date;
}

export interface SearchHit {
  teaser: Teaser;
  /** Escaped text around the matches, the matched words in `<mark>`. */
  snippetHtml: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching stories, at most SEARCH_CANDIDATES. */
  total: number;
  /** Whether more stories match than `total` counts. */
  capped: boolean;
}

/** Ranked full-text search over the stories readers may see now. */
export class SearchRepo {
  /** Searches in flight on this node are bounded; see SearchGate. */
  private readonly gate = new SearchGate();

  constructor(
    private readonly db: Db,
    private readonly sections: SectionRepo,
    private readonly articles: ArticleReader,
  ) {}

  async query(query: SearchQuery): Promise<SearchResult> {
    return this.gate.run(() => this.run(query));
  }

  private async run(query: SearchQuery): Promise<SearchResult> {
    const words = searchTerms(query.text);
    const offset = query.offset ?? 0;
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > SEARCH_MAX_LIMIT) {
      throw new DatelineError('BAD_INPUT', `The limit ${query.limit} is not a whole number from 1 to ${SEARCH_MAX_LIMIT}.`);
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new DatelineError('BAD_INPUT', `The offset ${offset} is not a whole number of 0 or more.`);
    }
    const filter: SearchFilter = { now: query.now, from: query.from, to: query.to, section: await this.section(query.sectionId) };

    const found = await candidates(this.db, words, filter, SEARCH_CANDIDATES + 1);
    const capped = found.length > SEARCH_CANDIDATES;
    const ranked = found.slice(0, SEARCH_CANDIDATES).sort((a, b) => b.score - a.score || b.id - a.id);
    const ids = ranked.slice(offset, offset + query.limit).map((c) => c.id);
    if (ids.length === 0) return { hits: [], total: ranked.length, capped };

    const [rows, marked] = await Promise.all([
      this.db.kysely.selectFrom('articles').selectAll().where('id', 'in', ids).execute(),
      snippets(this.db, words, ids),
    ]);
    const rowById = new Map(rows.map((r) => [r.id, r as Selectable<ArticleTable>]));
    const ordered = ids.flatMap((id) => rowById.get(id) ?? []);
    const snippetById = new Map(marked.map((s) => [Number(s.id), s]));
    const teasers = await this.articles.teasers(ordered);
    return {
      hits: teasers.map((teaser) => ({ teaser, snippetHtml: snippetHtml(bestSnippet(snippetById.get(teaser.id))) })),
      total: ranked.length,
      capped,
    };
  }

  private async section(sectionId: number | undefined): Promise<SearchFilter['section']> {
    if (sectionId === undefined) return undefined;
    const section = (await this.sections.byId()).get(sectionId);
    if (!section) {
      throw new DatelineError('BAD_INPUT', `There is no section with id ${sectionId}.`, { hint: 'Pick one of the site’s sections.' });
    }
    return { id: section.id, topLevel: section.parentId === null };
  }
}

/** The body around the matches; the summary when only it matched; the body's opening when only the headline did. */
function bestSnippet(s: { summary: string; body: string } | undefined): string {
  if (!s) return '';
  if (hasMatch(s.body)) return s.body;
  if (hasMatch(s.summary)) return s.summary;
  return s.body || s.summary;
}
