import type { Kysely } from 'kysely';
import { ENTITY_KINDS, type EntityKind } from '../domain/entity.js';
import type { Mention } from '../store/index.js';
import type { Database } from '../store/schema.js';

/**
 * The people, organizations and places the agency named for a wire story
 * (ninjs `people`/`organisations`/`places` and typed subjects, NewsML-G2
 * subjects of type person, organisation, geoArea or poi), from the item's
 * newest stored version. The agency's word: they are confirmed at once.
 */
export async function agencyMentions(executor: Kysely<Database>, articleId: number): Promise<Mention[]> {
  const row = await executor
    .selectFrom('wire_items as wi')
    .innerJoin('wire_versions as wv', 'wv.wire_item_id', 'wi.id')
    .select('wv.item_json')
    .where('wi.article_id', '=', articleId)
    .orderBy('wv.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return [];
  let item: unknown;
  try {
    item = JSON.parse(row.item_json);
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
