import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatelineError } from '../domain/errors.js';
import type { IngestSource } from './ingest/apply-item.js';
import type { WireFile } from './ingest/ingest-files.js';
import { DEFAULT_ZIP_LIMITS, readZip, ZipError, type ZipLimits } from './read-zip.js';

/** The file kinds ingest reads; others in a folder are passed over. */
export const WIRE_EXTENSIONS = ['.json', '.xml', '.zip'] as const;

const GLOB = /[*?[]/;

/**
 * Command-line paths → the files to ingest, sorted: files as given, folders
 * searched recursively for .json, .xml and .zip, and `*`, `?`, `**` patterns
 * (expanded here: Node 20 has no fs.glob). A path that matches nothing is an error.
 * @example await expandWirePaths(['in/2031-03-*', 'archive.zip'], process.cwd())
 */
export async function expandWirePaths(args: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    const matches = GLOB.test(arg) ? await expandGlob(arg, cwd) : await expandPath(path.resolve(cwd, arg), arg);
    if (matches.length === 0) {
      throw new DatelineError('BAD_INPUT', `Nothing to ingest at ${arg}: no .json, .xml or .zip files match.`, {
        hint: 'Check the path or pattern; quote patterns with ** so the shell leaves them to dateline.',
      });
    }
    for (const file of matches) found.add(file);
  }
  return [...found].sort();
}

async function expandPath(absolute: string, shown: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(absolute);
  } catch {
    throw new DatelineError('BAD_INPUT', `${shown} does not exist or cannot be read.`, { hint: 'Give a file, a folder or a pattern of wire files.' });
  }
  return info.isDirectory() ? walk(absolute) : [absolute];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && isWireFile(entry.name)) out.push(full);
  }
  return out;
}

function isWireFile(name: string): boolean {
  const lower = name.toLowerCase();
  return WIRE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, pattern).split(path.sep).join('/');
  const segments = absolute.split('/');
  const firstGlob = segments.findIndex((s) => GLOB.test(s));
  const base = segments.slice(0, firstGlob).join('/') || '/';
  const matcher = globRegExp(segments.slice(firstGlob).join('/'));
  let candidates: string[];
  try {
    candidates = await walkAll(base);
  } catch {
    return [];
  }
  // A pattern that names folders (`in/2031-*`) takes the wire files inside them.
  return candidates.filter((file) => {
    if (!isWireFile(file)) return false;
    const parts = path.relative(base, file).split(path.sep);
    return parts.some((_, i) => matcher.test(parts.slice(0, i + 1).join('/')));
  });
}

async function walkAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkAll(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** `*` within a name, `?` one character, `**` any number of folders, `[abc]` one of. */
export function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * Reads the files in order and opens zip archives, for ingestFiles (the
 * `dateline ingest` command). An archive that cannot be opened goes to ingest
 * as it is, marked failed, so it lands in the quarantine with the reason.
 * Reads are synchronous: the command has nothing else to do meanwhile, and
 * for agency files of a few KB a promise read (open, stat, read, close, each
 * a trip to the thread pool) costs about five times the CPU.
 */
export async function* readWireFiles(files: readonly string[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): AsyncIterable<WireFile> {
  for (const file of files) {
    const bytes = readFileSync(file);
    const source: IngestSource = { kind: 'file', name: file, dir: path.dirname(file) };
    if (!file.toLowerCase().endsWith('.zip')) {
      yield { bytes, source };
      continue;
    }
    let entries: Awaited<ReturnType<typeof readZip>>;
    try {
      // Only the entries ingest reads are inflated, within the limits.
      entries = await readZip(bytes, (name) => isWireFile(name) && !name.toLowerCase().endsWith('.zip'), limits);
    } catch (error) {
      yield { bytes, source, failure: `the zip archive cannot be read: ${error instanceof ZipError ? error.message : String(error)}` };
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!isWireFile(entry.name) || entry.name.toLowerCase().endsWith('.zip')) continue;
      // Pictures inside an archive are not unpacked to disk: relative renditions are not read (docs/wire.md).
      yield { bytes: entry.bytes, source: { kind: 'file', name: `${file}!/${entry.name}` } };
    }
  }
}
