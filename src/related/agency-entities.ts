import { ENTITY_KINDS, type EntityKind } from '../domain/entity.js';
import type { Executor, Mention, Store } from '../store/index.js';

/**
 * The people, organizations and places the agency named for a wire story
 * (ninjs `people`/`organisations`/`places` and typed subjects, NewsML-G2
 * subjects of type person, organisation, geoArea or poi), from the item's
 * newest stored version. The agency's word: they are confirmed at once.
 */
export async function agencyMentions(store: Store, executor: Executor, articleId: number): Promise<Mention[]> {
  const json = await store.wire.newestVersionJson(executor, articleId);
  if (json === undefined) return [];
  let item: unknown;
  try {
    item = JSON.parse(json);
  } catch {
    return [];
  }
  const named = (item as { namedEntities?: unknown }).namedEntities;
  if (!Array.isArray(named)) return [];
  return named.flatMap((entry) => {
    const { name, kind } = (entry ?? {}) as { name?: unknown; kind?: unknown };
    if (typeof name !== 'string' || !name.trim() || !ENTITY_KINDS.includes(kind as EntityKind)) return [];
    return [{ name: name.trim(), kind: kind as EntityKind, mentions: 1, confident: true, source: 'agency' as const }];
  });
}
