/**
 * Raw agency bytes → text. UTF-8 is the default and must be valid (a broken
 * byte would otherwise turn into U+FFFD inside a headline); a byte-order mark
 * selects UTF-16, and an XML declaration may name another encoding
 * (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
 */
export type DecodedText = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const XML_ENCODING = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  // UTF-16 without a mark still starts with an ASCII `<` or `{` next to a zero byte.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return decodeWith('utf-16le', bytes);
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return decodeWith('utf-16be', bytes);

  const declared = declaredXmlEncoding(bytes);
  if (declared && !UTF8_LABELS.has(declared)) return decodeWith(declared, bytes);
  return decodeUtf8(bytes);
}

/** The encoding an XML declaration names, lower-cased, if the bytes start with one. */
export function declaredXmlEncoding(bytes: Uint8Array): string | null {
  let start = 0;
  while (start < bytes.length && start < 64 && isSpace(bytes[start]!)) start += 1;
  if (bytes[start] !== 0x3c || bytes[start + 1] !== 0x3f) return null;
  // The declaration is ASCII in every ASCII-compatible encoding, so reading it as Latin-1 is safe.
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, start + 200));
  return XML_ENCODING.exec(head)?.[1]?.toLowerCase() ?? null;
}

function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return {
      ok: false,
      reason: `the file is not valid UTF-8 (first bad byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset}); ask the agency to send UTF-8, or declare the encoding in the XML declaration`,
    };
  }
}

function decodeWith(label: string, bytes: Uint8Array): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { ok: false, reason: `the file declares the encoding "${label}", which is not supported; send UTF-8, UTF-16 or ISO-8859-1` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return { ok: false, reason: `the file is not valid ${decoder.encoding} although it declares that encoding` };
  }
}

/** Byte offset of the first byte that breaks UTF-8 (bad lead byte, bad continuation, overlong or truncated sequence). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
