import { decodeText } from './decode-text.js';
import { sniffSyntax, unknownSyntaxReason } from './detect-format.js';
import { parseNewsmlG2 } from './parse-newsml-g2.js';
import { parseNinjs } from './parse-ninjs.js';
import { failed, type ParseOutcome } from './parse-outcome.js';

export interface WireFileSource {
  /** The file name as it arrived (used in reasons). */
  name: string;
  contentType?: string;
}

/**
 * Raw agency bytes → one outcome per item. Never throws for bad input: a
 * broken file gives a single failed outcome whose reason says where (byte
 * offset, line and column); a file with several items (a JSON array of ninjs
 * objects, a NewsML-G2 newsMessage) gives one outcome each.
 * @example
 * for (const outcome of parseWireFile(bytes, { name: 'ap-123.json' })) {
 *   if (outcome.ok === true) ingest(outcome.item);
 *   else if (outcome.ok === false) quarantine(outcome.reason, outcome.pointer);
 * }
 */
export function parseWireFile(bytes: Uint8Array, source: WireFileSource): ParseOutcome[] {
  try {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return [failed(decoded.reason, null)];
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    const syntax = sniffSyntax(text);
    if (syntax === 'json') return parseJsonFile(text);
    if (syntax === 'xml') return parseNewsmlG2(text);
    return [failed(unknownSyntaxReason(text, source), null)];
  } catch (error) {
    // A bug of ours must not stop a batch: the file goes to quarantine with what happened.
    return [failed(`the parser failed unexpectedly: ${(error as Error).message}`, null)];
  }
}

function parseJsonFile(text: string): ParseOutcome[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return [failed(jsonErrorReason(text, (error as Error).message), null)];
  }
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [failed('the JSON array is empty: no ninjs items', '/')];
    return doc.map((entry, i) => parseNinjs(entry, `/${i}`));
  }
  return [parseNinjs(doc)];
}

/** V8 names a character position; people need line and column. */
export function jsonErrorReason(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null;
  const detail = message.replace(/^JSON\.parse: /, '').replace(/\s*in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
  if (offset === null) return `the JSON is not valid: ${detail}`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = offset >= text.length ? `the JSON ends too early (line ${line}, column ${column})` : `the JSON is not valid at line ${line}, column ${column}`;
  return `${where}: ${detail}`;
}
