import { constants } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../../store/index.js';
import { type IngestOptions, ingestFiles } from '../ingest/index.js';
import type { ZipLimits } from '../read-zip.js';
import { describeItems, type ItemResultJson } from './item-results.js';
import { wireFilesOf } from './wire-files-of.js';

export interface InboxFileResult {
  file: string;
  /** Where the file is now: done/… or failed/…; null when it vanished before it was read. */
  movedTo: string | null;
  counts: Record<string, number>;
  items: ItemResultJson[];
  /** Set when the entry was not a regular file and was moved to failed/ unread. */
  refused?: string;
}

/**
 * Ingests one file of the inbox, writes `<name>.report.json` into done/
 * (every item ok, unchanged or skipped) or failed/ (any item quarantined;
 * the quarantine keeps the bytes and the reason), then moves the file
 * beside it. The report is written first, so whoever waits for the file
 * finds its report there too.
 */
export async function processInboxFile(
  store: Store,
  dir: string,
  name: string,
  options: IngestOptions & { siteUrl: string; zipLimits?: ZipLimits | undefined },
): Promise<InboxFileResult> {
  const from = path.join(dir, name);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(from);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: name, movedTo: null, counts: {}, items: [] };
    if (error instanceof NotRegularFile || code === 'ELOOP') {
      return refuse(dir, name, error instanceof NotRegularFile ? error.message : 'it is a symbolic link', options.now?.() ?? new Date());
    }
    throw error;
  }
  const now = options.now?.() ?? new Date();
  const report = await ingestFiles(store, await wireFilesOf(bytes, { kind: 'inbox', name: from, dir }, options.zipLimits), options);
  // The stories were dated during ingest: ask whether they are public as of now, not as of the start.
  const items = await describeItems(store, report, options.siteUrl, options.now?.() ?? new Date());
  const failed = report.counts.quarantined > 0;
  const target = path.join(dir, failed ? 'failed' : 'done');
  const finalName = await freeName(target, name);
  const body = { file: name, ingestedAt: now.toISOString(), result: failed ? 'failed' : 'done', counts: report.counts, items };
  await writeFile(path.join(target, `${finalName}.report.json`), `${JSON.stringify(body, null, 2)}\n`);
  await rename(from, path.join(target, finalName));
  return { file: name, movedTo: path.join(target, finalName), counts: report.counts, items };
}

class NotRegularFile extends Error {}

/**
 * Opens without following a symbolic link (O_NOFOLLOW: a link answers
 * ELOOP) and without waiting on a pipe (O_NONBLOCK), then checks on the open
 * handle that it is a regular file: a link swapped in after the folder was
 * listed cannot make the inbox read /etc/passwd or a device.
 */
async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFile(`it is not a regular file (${info.isFIFO() ? 'a pipe' : info.isSocket() ? 'a socket' : info.isDirectory() ? 'a folder' : 'a device'})`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Moves what is not a regular file to failed/ unread, with a report saying why. */
async function refuse(dir: string, name: string, why: string, now: Date): Promise<InboxFileResult> {
  const target = path.join(dir, 'failed');
  const finalName = await freeName(target, name);
  const reason = `${name} was not read: ${why}. The inbox takes only regular files; copy the file itself into the folder.`;
  const body = { file: name, ingestedAt: now.toISOString(), result: 'refused', reason, counts: {}, items: [] };
  await writeFile(path.join(target, `${finalName}.report.json`), `${JSON.stringify(body, null, 2)}\n`);
  // rename moves the link (or pipe) itself, never what it points at.
  await rename(path.join(dir, name), path.join(target, finalName));
  return { file: name, movedTo: path.join(target, finalName), counts: {}, items: [], refused: reason };
}

/** The name itself, or with the time put before the extension when done/ or failed/ already has one. */
async function freeName(target: string, name: string): Promise<string> {
  if (!(await exists(path.join(target, name)))) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; ; i++) {
    const candidate = `${stem}.${Date.now()}${i > 0 ? `-${i}` : ''}${ext}`;
    if (!(await exists(path.join(target, candidate)))) return candidate;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
