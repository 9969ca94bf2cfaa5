import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** Which limit an archive broke; null when it is damaged rather than too big. */
export type ZipLimit = 'entries' | 'unpacked' | 'ratio' | 'overlap';

/** A zip archive that cannot be read: the reason says what is wrong with it, `limit` which limit it broke. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly limit: ZipLimit | null = null,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

/** What an archive from outside may cost (docs/security.md; WIRE_ZIP_* settings). */
export interface ZipLimits {
  /** Entries in the central directory, folders and skipped files included. */
  maxEntries: number;
  /** Bytes of all the entries that are unpacked (the .json and .xml ones), together. */
  maxUnpackedBytes: number;
  /** Largest unpacked-to-packed size ratio of one entry; agency XML and JSON pack about 4–15×. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxUnpackedBytes: 64 * 1024 * 1024, maxRatio: 100 };

/**
 * Reads the wanted entries of a zip archive with yauzl, entry by entry:
 * the central directory is checked against the limits before a byte is
 * inflated (entry count, declared sizes, compression ratio, entries that
 * share bytes), then only the entries `want` accepts are inflated, as
 * streams that stop at the declared size (yauzl) and at the total cap
 * (here). A bomb that claims gigabytes costs at most `maxUnpackedBytes`.
 * @example for (const entry of await readZip(bytes, (n) => n.endsWith('.json'))) ingest(entry.name, entry.bytes)
 */
export async function readZip(zip: Uint8Array, want: (name: string) => boolean = () => true, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const buffer = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let file: ZipFile;
  try {
    file = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch (error) {
    throw new ZipError(`this is not a zip archive, or it is damaged: ${(error as Error).message}`);
  }
  const entries = await listEntries(file, limits);
  checkOverlaps(entries);
  const wanted = entries.filter((e) => !e.fileName.endsWith('/') && want(e.fileName));
  let declared = 0;
  for (const entry of wanted) {
    if (entry.isEncrypted()) throw new ZipError(`${entry.fileName} is encrypted; send the files unencrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ZipError(`${entry.fileName} uses compression method ${entry.compressionMethod}; only stored and deflated entries are read`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.compressionMethod === 8 && ratio > limits.maxRatio) {
      throw new ZipError(
        `${entry.fileName} claims to unpack ${Math.round(ratio)} times larger than it is packed, more than the ${limits.maxRatio}× allowed (WIRE_ZIP_MAX_RATIO)`,
        'ratio',
      );
    }
    declared += entry.uncompressedSize;
    if (declared > limits.maxUnpackedBytes) throw tooMuch(limits, declared);
  }
  const out: ZipEntry[] = [];
  let total = 0;
  for (const entry of wanted) {
    const chunks: Buffer[] = [];
    let stream: NodeJS.ReadableStream;
    try {
      stream = await file.openReadStreamPromise(entry);
    } catch (error) {
      throw new ZipError(`${entry.fileName} cannot be unpacked: ${(error as Error).message}`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limits.maxUnpackedBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          throw tooMuch(limits, total);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      // yauzl stops an entry that inflates past its declared size: the archive lies about itself.
      throw new ZipError(`${entry.fileName} cannot be unpacked: ${(error as Error).message}`);
    }
    out.push({ name: entry.fileName, bytes: new Uint8Array(Buffer.concat(chunks)) });
  }
  file.close();
  return out;
}

function tooMuch(limits: ZipLimits, bytes: number): ZipError {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return new ZipError(
    `the archive's .json and .xml files unpack to more than ${mb(limits.maxUnpackedBytes)} (at least ${mb(bytes)}; WIRE_ZIP_MAX_UNPACKED_MB)`,
    'unpacked',
  );
}

/** Reads the central directory only, refusing once it holds more entries than allowed. */
function listEntries(file: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  if (file.entryCount > limits.maxEntries) {
    return Promise.reject(new ZipError(`the archive holds ${file.entryCount} entries, more than the ${limits.maxEntries} allowed (WIRE_ZIP_MAX_ENTRIES)`, 'entries'));
  }
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    file.on('entry', (entry: Entry) => {
      entries.push(entry);
      file.readEntry();
    });
    file.on('end', () => resolve(entries));
    file.on('error', (error: Error) => reject(new ZipError(`the archive is damaged: ${error.message}`)));
    file.readEntry();
  });
}

/**
 * Refuses entries whose bytes overlap another's: the trick that lets a
 * few kilobytes of one deflate stream stand for thousands of "files".
 */
function checkOverlaps(entries: readonly Entry[]): void {
  const spans = entries
    .map((e) => ({ name: e.fileName, start: e.relativeOffsetOfLocalHeader, end: e.relativeOffsetOfLocalHeader + 30 + e.fileNameLength + e.compressedSize }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const before = spans[i - 1]!;
    const span = spans[i]!;
    if (span.start < before.end) throw new ZipError(`the entries ${before.name} and ${span.name} share bytes; the archive is built to unpack more than it holds`, 'overlap');
  }
}
