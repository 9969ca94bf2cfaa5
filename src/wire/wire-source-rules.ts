import { readFile } from 'node:fs/promises';
import { parseWireRules, rulesError, type WireRules, wireRules } from '../domain/wire-rules.js';

export { DEFAULT_RULES, parseWireRules, type WireRules, type WireSourceRules, wireRules } from '../domain/wire-rules.js';

/** Reads and checks a rules file; every mistake is named with its place in the file. */
export async function loadWireRules(file: string | undefined): Promise<WireRules> {
  if (!file) return wireRules();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw rulesError(file, `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, cause);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw rulesError(file, `is not valid JSON: ${(cause as Error).message}`, cause);
  }
  return wireRules(parseWireRules(doc, file));
}

