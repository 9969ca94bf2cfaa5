/**
 * How related one story is to another: what they share, weighted by how
 * rare it is, plus how alike their words are, fading with the time between
 * them. Pure: the related job gathers the numbers, this ranks them.
 */

/** A story the job may offer as related, with what it shares with the story. */
export interface RelatedCandidate {
  id: number;
  publishedAt: number;
  /** Shared confirmed entities and tags, each with the number of visible stories that carry it. */
  shared: Array<{ kind: 'entity' | 'tag'; df: number }>;
  /** The search index's rank of this story for the story's most distinctive words, as a share (0–1) of the story's own rank; 0 if it did not match. */
  text: number;
}

export interface RelatedWeights {
  /** Stories readers can see: the N of inverse document frequency. */
  totalStories: number;
  /** An entity counts this many times a tag of the same rarity: it names what the story is about. */
  entityWeight: number;
  /** What the best text match is worth, in units of a rare shared entity. */
  textWeight: number;
  /** Days after which the time between two stories halves the recency part of the score. */
  halfLifeDays: number;
  /** Below this a candidate is not related at all (a shared common tag is not enough). */
  minScore: number;
}

export const RELATED_WEIGHTS: RelatedWeights = { totalStories: 1, entityWeight: 1.5, textWeight: 1, halfLifeDays: 30, minScore: 2 };

const DAY_MS = 86_400_000;

/** Inverse document frequency: a name in 3 of 10,000 stories says far more than one in 3,000. */
export function idf(df: number, total: number): number {
  return Math.log(1 + Math.max(total, 1) / Math.max(df, 1));
}

/**
 * Ranks candidates for a story published at `publishedAt`, best first,
 * dropping those below the minimum. Recency keeps half its weight however
 * far apart the stories are: a trial's verdict still belongs with its arrest.
 */
export function rankRelated(publishedAt: number, candidates: readonly RelatedCandidate[], weights: RelatedWeights): Array<{ id: number; score: number }> {
  const scored = candidates.map((c) => {
    let score = 0;
    for (const feature of c.shared) score += idf(feature.df, weights.totalStories) * (feature.kind === 'entity' ? weights.entityWeight : 1);
    score += weights.textWeight * idf(1, weights.totalStories) * c.text;
    const days = Math.abs(publishedAt - c.publishedAt) / DAY_MS;
    const recency = 0.5 + 0.5 * 0.5 ** (days / weights.halfLifeDays);
    return { id: c.id, score: score * recency, raw: score };
  });
  return scored
    .filter((s) => s.raw >= weights.minScore)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .map(({ id, score }) => ({ id, score }));
}

/**
 * A story's most distinctive words for the text match: the ones it repeats
 * and puts in its headline, without stop words; the search index's ranking
 * (bm25, ts_rank) then weighs them by how rare they are.
 */
export function distinctiveTerms(headline: string, body: string, stopwords: ReadonlySet<string>, count = 8): string[] {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const raw of text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []) {
      const word = raw.replace(/['’]s$/, '').replace(/['’-]+$/, '');
      if (word.length < 4 || stopwords.has(word) || !/^[\p{L}\p{N}]+$/u.test(word)) continue;
      weights.set(word, (weights.get(word) ?? 0) + weight);
    }
  };
  add(headline, 3);
  add(body, 1);
  return [...weights]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([w]) => w);
}
