import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** A zip archive that cannot be read: the reason says what is wrong with it. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * Reads the files of a zip archive (stored or deflated entries, as agencies
 * and every zip tool write them), from the central directory. Folders are
 * left out; encrypted and ZIP64 archives are refused with a reason.
 * @example for (const entry of readZip(bytes)) ingest(entry.name, entry.bytes)
 */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError('ZIP64 archives are not supported; make a plain zip (under 4 GB, under 65,535 files)');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== CENTRAL) throw new ZipError(`the central directory is damaged at entry ${i + 1}`);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted; send the files unencrypted`);
    if (size > MAX_ENTRY_BYTES) throw new ZipError(`${name} is ${size} bytes unpacked, more than the ${MAX_ENTRY_BYTES} allowed`);
    if (localOffset + 30 > zip.length || view.getUint32(localOffset, true) !== LOCAL) throw new ZipError(`the local header of ${name} is damaged`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipError(`${name} is cut short: the archive is truncated`);
    entries.push({ name, bytes: unpack(name, method, data, size) });
  }
  return entries;
}

function unpack(name: string, method: number, data: Uint8Array, size: number): Uint8Array {
  if (method === 0) return data;
  if (method !== 8) throw new ZipError(`${name} uses compression method ${method}; only stored and deflated entries are read`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
  } catch (error) {
    throw new ZipError(`${name} cannot be unpacked: ${(error as Error).message}`);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new ZipError('this is not a zip archive, or it is truncated (no end-of-directory record)');
}
