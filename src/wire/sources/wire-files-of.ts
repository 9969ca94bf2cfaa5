import type { IngestSource, WireFile } from '../ingest/index.js';
import { readZip, ZipError } from '../read-zip.js';
import { WIRE_EXTENSIONS } from '../wire-paths.js';

/** A zip archive starts with a local file header, whatever it is called. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * One arrival (a dropped file, a pushed body, a polled response) → the files
 * ingest reads: itself, or the .json and .xml entries of a zip archive. An
 * archive that cannot be opened is passed on marked failed, so it lands in
 * the quarantine with the reason instead of vanishing.
 * @example await ingestFiles(store, wireFilesOf(bytes, { kind: 'http', name: 'push:pws' }), { rules })
 */
export function wireFilesOf(bytes: Uint8Array, source: IngestSource): WireFile[] {
  if (!looksLikeZip(bytes)) return [{ bytes, source }];
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(bytes);
  } catch (error) {
    return [{ bytes, source, failure: `the zip archive cannot be read: ${error instanceof ZipError ? error.message : String(error)}` }];
  }
  const files = entries
    .filter((e) => WIRE_EXTENSIONS.some((ext) => ext !== '.zip' && e.name.toLowerCase().endsWith(ext)))
    .sort((a, b) => a.name.localeCompare(b.name))
    // Pictures inside an archive are not unpacked: relative renditions are not read (docs/wire.md).
    .map((e) => ({ bytes: e.bytes, source: { kind: source.kind, name: `${source.name}!/${e.name}` } }));
  return files.length > 0 ? files : [{ bytes, source, failure: 'the zip archive holds no .json or .xml files' }];
}
