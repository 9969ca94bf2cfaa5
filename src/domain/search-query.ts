import { DatelineError } from './errors.js';
import { ENGLISH_STOPWORDS } from './stopwords.js';

/** Longest search text accepted; longer input is a pasted document, not a query. */
export const SEARCH_MAX_CHARS = 200;
/** Most words one search may hold; every word must match, so more only narrows to nothing. */
export const SEARCH_MAX_TERMS = 12;
/** A last word this long or longer also matches as a prefix ("budg" finds "budget"). */
const PREFIX_MIN_CHARS = 3;

/** What a reader typed, reduced to plain words. Nothing else of the input reaches a database. */
export interface SearchTerms {
  /** Lower-cased words of letters and digits, in order, without repeats. */
  terms: string[];
  /** Whether the last word also matches as a prefix. */
  prefixLast: boolean;
}

/**
 * Splits search text into words. Quotes, operators, column filters, `*`, `-`
 * and emoji are separators, never syntax: full-text query languages are
 * built from these words only, so no input can change a query's meaning or
 * make it fail.
 *
 * @example searchTerms('"Council" NEAR(budget*') // { terms: ['council', 'near', 'budget'], prefixLast: true }
 */
export function searchTerms(text: string): SearchTerms {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new DatelineError('BAD_INPUT', 'The search is empty.', { hint: 'Type a word or two to search for.' });
  }
  if (trimmed.length > SEARCH_MAX_CHARS) {
    throw new DatelineError('BAD_INPUT', `The search is ${trimmed.length} characters long; at most ${SEARCH_MAX_CHARS} are searched.`, {
      hint: 'Search for a few distinctive words instead of a whole passage.',
    });
  }
  const words = trimmed.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
  if (words.length === 0) {
    throw new DatelineError('BAD_INPUT', 'The search has no words in it, only symbols.', {
      hint: 'Type a word or two of letters or digits to search for.',
    });
  }
  // Both databases leave out the same common words ("the", "of"), so they find the same stories.
  const terms = [...new Set(words.filter((word) => !ENGLISH_STOPWORDS.has(word)))];
  if (terms.length === 0) {
    throw new DatelineError('BAD_INPUT', `“${trimmed.slice(0, 40)}” holds only words too common to search for.`, {
      hint: 'Add a word that says what the story is about, such as a name or a place.',
    });
  }
  if (terms.length > SEARCH_MAX_TERMS) {
    throw new DatelineError('BAD_INPUT', `The search has ${terms.length} different words; at most ${SEARCH_MAX_TERMS} are allowed.`, {
      hint: 'Every word must match, so a few distinctive words find more.',
    });
  }
  const last = terms[terms.length - 1] as string;
  return { terms, prefixLast: last.length >= PREFIX_MIN_CHARS };
}

/**
 * An FTS5 MATCH expression: every word as a quoted string (so it is never
 * read as an operator or a column name), all required.
 *
 * @example ftsMatch({ terms: ['council', 'budg'], prefixLast: true }) // '"council" "budg"*'
 */
export function ftsMatch({ terms, prefixLast }: SearchTerms): string {
  return terms
    .map((term, i) => `"${term.replaceAll('"', '""')}"${prefixLast && i === terms.length - 1 ? '*' : ''}`)
    .join(' ');
}

/**
 * Text for PostgreSQL's `to_tsquery`: words joined with `&`, the last one a
 * prefix. Words hold only letters, marks and digits, none of which is tsquery
 * syntax. `weight` restricts every word to one weight class (A = headline);
 * `any` joins with `|` instead.
 *
 * @example tsQueryText({ terms: ['council', 'budg'], prefixLast: true }) // 'council & budg:*'
 */
export function tsQueryText({ terms, prefixLast }: SearchTerms, options: { weight?: 'A'; any?: boolean } = {}): string {
  const weight = options.weight ?? '';
  return terms
    .map((term, i) => {
      const prefix = prefixLast && i === terms.length - 1 ? '*' : '';
      return prefix || weight ? `${term}:${prefix}${weight}` : term;
    })
    .join(options.any ? ' | ' : ' & ');
}
