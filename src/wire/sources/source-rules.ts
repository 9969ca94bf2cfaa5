import { parseWireRules, type WireRules, type WireSourceRules } from '../wire-source-rules.js';

/**
 * The rules a source ingests with: the ones stored with it (`--rules FILE`
 * when it was added), else the server's WIRE_RULES for its name. Stored
 * rules are checked again, so a row edited by hand fails loudly.
 */
export function rulesOf(stored: string | null, fallback: WireRules, name: string): WireSourceRules {
  if (stored === null) return fallback.forSource(name);
  const [rules] = parseWireRules(JSON.parse(stored), `the stored rules of source "${name}"`);
  return rules ?? fallback.forSource(name);
}
