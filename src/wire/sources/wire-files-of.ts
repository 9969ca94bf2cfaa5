import type { IngestSource, WireFile } from '../ingest/index.js';
import { DEFAULT_ZIP_LIMITS, readZip, ZipError, type ZipLimit, type ZipLimits } from '../read-zip.js';
import { WIRE_EXTENSIONS } from '../wire-paths.js';

/** A zip archive starts with a local file header, whatever it is called. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function isWireEntry(name: string): boolean {
  return WIRE_EXTENSIONS.some((ext) => ext !== '.zip' && name.toLowerCase().endsWith(ext));
}

/**
 * One arrival (a dropped file, a pushed body, a polled response) → the files
 * ingest reads: itself, or the .json and .xml entries of a zip archive. An
 * archive that cannot be opened is passed on marked failed, so it lands in
 * the quarantine with the reason instead of vanishing.
 * @example await ingestFiles(store, wireFilesOf(bytes, { kind: 'http', name: 'push:pws' }), { rules })
 */
export async function wireFilesOf(bytes: Uint8Array, source: IngestSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Array<WireFile & { limit?: ZipLimit }>> {
  if (!looksLikeZip(bytes)) return [{ bytes, source }];
  let entries: Awaited<ReturnType<typeof readZip>>;
  try {
    // Only .json and .xml entries are inflated; pictures and anything else stay packed.
    entries = await readZip(bytes, isWireEntry, limits);
  } catch (error) {
    const failure = `the zip archive cannot be read: ${error instanceof ZipError ? error.message : String(error)}`;
    return [{ bytes, source, failure, ...(error instanceof ZipError && error.limit && { limit: error.limit }) }];
  }
  const files = entries
    .sort((a, b) => a.name.localeCompare(b.name))
    // Pictures inside an archive are not unpacked: relative renditions are not read (docs/wire.md).
    .map((e) => ({ bytes: e.bytes, source: { kind: source.kind, name: `${source.name}!/${e.name}` } }));
  return files.length > 0 ? files : [{ bytes, source, failure: 'the zip archive holds no .json or .xml files' }];
}
