import { distinctiveTerms, idf, RELATED_WEIGHTS, type RelatedCandidate, rankRelated } from '../domain/related-score.js';
import { ENGLISH_STOPWORDS } from '../domain/stopwords.js';
import type { Executor, Store } from '../store/index.js';

/** Stories kept per list: enough that five remain after "More in SECTION" and hidden stories are left out. */
export const STORED_RELATED = 15;
/** Stories read per shared entity or tag, nearest first: past this a feature is common and adds little. */
const CARRIERS_PER_FEATURE = 400;
/** Text matches ranked per story. */
const TEXT_MATCHES = 30;
/** Candidates whose publication times are read for the final ranking. */
const SHORTLIST = 80;

/**
 * Ranks a story's related stories and stores them (pins first, removals
 * left out). Returns the stored ids and whether the list changed. Reads
 * are bounded by the caps above, so a story costs the same in an archive
 * of a hundred stories or of a hundred thousand (docs/benchmarks.md).
 */
export async function computeRelated(store: Store, executor: Executor, articleId: number, now: Date): Promise<{ ids: number[]; changed: boolean }> {
  const repo = store.related;
  const subject = await repo.subject(executor, articleId, now);
  if (!subject?.visible) {
    const changed = await repo.save(executor, articleId, []);
    return { ids: [], changed };
  }
  const [features, total, overrides] = await Promise.all([
    repo.features(executor, articleId),
    repo.totalVisible(executor, now),
    repo.overrides(executor, articleId),
  ]);
  const shared = new Map<number, RelatedCandidate['shared']>();
  const gather = async (kind: 'entity' | 'tag', ids: number[]) => {
    for (const featureId of ids) {
      const { ids: carriers, df } = await repo.carriers(executor, kind, featureId, articleId, CARRIERS_PER_FEATURE);
      for (const id of carriers) {
        const list = shared.get(id) ?? [];
        list.push({ kind, df });
        shared.set(id, list);
      }
    }
  };
  await gather('entity', features.entities);
  await gather('tag', features.tags);

  const terms = distinctiveTerms(`${subject.headline} ${subject.summary}`, subject.bodyText, ENGLISH_STOPWORDS);
  const termCap = Math.min(2000, Math.max(20, Math.round(total * 0.1)));
  const rare = await repo.rareTerms(executor, terms, termCap, now);
  // The story matches its own words best: other stories' ranks are read as a share of its own.
  const text = await repo.textMatches(executor, rare, null, now, TEXT_MATCHES + 1);
  const selfScore = text.find((t) => t.id === articleId)?.score ?? Math.max(0, ...text.map((t) => t.score));
  const textById = new Map(text.filter((t) => t.id !== articleId && selfScore > 0).map((t) => [t.id, Math.min(1, t.score / selfScore)]));

  // A first ranking without times picks the few whose times are read.
  const rough = (id: number) =>
    (shared.get(id) ?? []).reduce((sum, f) => sum + idf(f.df, total) * (f.kind === 'entity' ? RELATED_WEIGHTS.entityWeight : 1), 0) +
    (textById.get(id) ?? 0) * RELATED_WEIGHTS.textWeight * idf(1, total);
  const removed = new Set(overrides.filter((o) => o.action === 'remove').map((o) => o.relatedId));
  const ids = [...new Set([...shared.keys(), ...textById.keys()])].filter((id) => id !== articleId && !removed.has(id));
  const shortlist = ids.sort((a, b) => rough(b) - rough(a)).slice(0, SHORTLIST);
  const times = await repo.visibleTimes(executor, shortlist, now);
  const candidates: RelatedCandidate[] = shortlist.flatMap((id) => {
    const publishedAt = times.get(id);
    return publishedAt === undefined ? [] : [{ id, publishedAt, shared: shared.get(id) ?? [], text: textById.get(id) ?? 0 }];
  });
  const ranked = rankRelated(subject.publishedAt, candidates, { ...RELATED_WEIGHTS, totalStories: total });
  const pins = overrides.filter((o) => o.action === 'pin' && o.relatedId !== articleId).map((o) => ({ id: o.relatedId, score: 0, pinned: true }));
  const pinned = new Set(pins.map((p) => p.id));
  const list = [...pins, ...ranked.filter((r) => !pinned.has(r.id)).map((r) => ({ ...r, pinned: false }))].slice(0, Math.max(STORED_RELATED, pins.length));
  const changed = await repo.save(executor, articleId, list);
  return { ids: list.map((r) => r.id), changed };
}
