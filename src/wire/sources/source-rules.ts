import type { Store } from '../../store/index.js';
import { WireRulesRepo } from '../../store/wire-rules-repo.js';
import { parseWireRules, type WireRules, type WireSourceRules } from '../wire-source-rules.js';

/**
 * The rules a source ingests with, read at every arrival so a change made in
 * the newsroom holds at once on every node: the source's own (stored with a
 * push or poll source), else what the newsroom set for its name, else the
 * WIRE_RULES file's entry for its name, else the newsroom's default, else
 * the file's default, else the built-in default (hold for the desk). Stored
 * rules are checked again, so a row edited by hand fails loudly.
 */
export async function rulesFor(store: Store, file: WireRules, name: string, own: string | null = null): Promise<WireSourceRules> {
  const repo = new WireRulesRepo(store.db);
  const stored = own ?? (await repo.named(name));
  if (stored) return parsed(stored, name);
  const fromFile = file.sources.find((s) => s.name === name);
  if (fromFile) return fromFile;
  const newsroomDefault = await repo.named('*');
  if (newsroomDefault) return { ...parsed(newsroomDefault, '*'), name };
  return file.forSource(name);
}

function parsed(json: string, name: string): WireSourceRules {
  const [rules] = parseWireRules(JSON.parse(json), `the stored rules of source "${name}"`);
  if (!rules) throw new Error(`the stored rules of source "${name}" are empty`);
  return rules;
}
