import { type FSWatcher, watch } from 'node:fs';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../../store/index.js';
import type { PictureDeskOptions } from '../picture-desk.js';
import type { ZipLimits } from '../read-zip.js';
import type { WireSourceRules } from '../wire-source-rules.js';
import { type InboxFileResult, processInboxFile } from './inbox-file.js';

export interface InboxOptions {
  dir: string;
  /** The rules, or how to read them at each file (so a change made in the newsroom holds at once). */
  rules: WireSourceRules | (() => Promise<WireSourceRules>);
  /** For the story URLs in the reports. */
  siteUrl: string;
  /** A file is read once its size and time have not changed for this long (default 200 ms). */
  stableMs?: number;
  /** How often the folder is listed again, for events fs.watch missed (default 1 s). */
  rescanMs?: number;
  /** How long a file whose ingest failed (the database was away) waits before another try (default 30 s). */
  retryMs?: number;
  pictures?: PictureDeskOptions;
  /** What a zip archive dropped here may cost (WIRE_ZIP_* settings). */
  zipLimits?: ZipLimits;
  now?: () => Date;
  log?: (line: string) => void;
  onFile?: (result: InboxFileResult) => void;
}

export interface Inbox {
  /** Stops watching; waits for the file being ingested, so the database can close after. */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or being ingested (for tests and the foreground command). */
  idle(): Promise<void>;
}

/** Names writers use while a file is not finished; they rename it into place when it is. */
const IN_PROGRESS = /^\.|\.(tmp|part|partial|crdownload|swp)$|~$/i;

/**
 * Watches a folder and ingests every file dropped there, one at a time:
 * files already there at start, files fs.watch reports, and files a rescan
 * finds (fs.watch can miss events: network filesystems, bursts, renames).
 * A file is read only when its size and modification time have been stable
 * for `stableMs`; an empty file waits ten times as long, since a writer may
 * not have started. Writers that pause longer should write under a name
 * starting with `.` or ending in `.tmp`/`.part` and rename it into place.
 * @example const inbox = await startInbox(store, { dir: '/srv/wire/in', rules, siteUrl }); … await inbox.stop();
 */
export async function startInbox(store: Store, options: InboxOptions): Promise<Inbox> {
  const { dir } = options;
  const stableMs = options.stableMs ?? 200;
  const log = options.log ?? (() => {});
  await mkdir(path.join(dir, 'done'), { recursive: true });
  await mkdir(path.join(dir, 'failed'), { recursive: true });

  const seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  const waitUntil = new Map<string, number>();
  const queued = new Set<string>();
  const queue: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running: Promise<void> | null = null;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const look = async (name: string) => {
    if (stopped || IN_PROGRESS.test(name) || queued.has(name)) return;
    if ((waitUntil.get(name) ?? 0) > Date.now()) return;
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      // lstat, not stat: a symbolic link is judged as itself, never as whatever it points at.
      info = await lstat(path.join(dir, name));
    } catch {
      seen.delete(name);
      return;
    }
    if (info.isDirectory() || queued.has(name)) return;
    if (!info.isFile()) {
      // A link, pipe, socket or device: refused at once (processInboxFile moves it to failed/ unread).
      queued.add(name);
      queue.push(name);
      drain();
      return;
    }
    const now = Date.now();
    const before = seen.get(name);
    const needed = info.size === 0 ? stableMs * 10 : stableMs;
    if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
      seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
      later(needed + 20, () => void look(name));
    } else if (now - before.since >= needed) {
      queued.add(name);
      queue.push(name);
      drain();
    }
  };

  const scan = async () => {
    if (stopped) return;
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      for (const e of entries.filter((x) => !x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) await look(e.name);
    } catch (error) {
      log(`wire inbox ${dir}: cannot list the folder: ${(error as Error).message}`);
    }
  };

  const drain = () => {
    if (running) return;
    running = (async () => {
      while (queue.length > 0 && !stopped) {
        const name = queue.shift() as string;
        try {
          const rules = typeof options.rules === 'function' ? await options.rules() : options.rules;
          const result = await processInboxFile(store, dir, name, { rules, siteUrl: options.siteUrl, pictures: options.pictures, zipLimits: options.zipLimits, now: options.now, log });
          if (result.movedTo) options.onFile?.(result);
        } catch (error) {
          // Not the file's fault (the database is away, the disk is full): it stays and is tried again later.
          log(`wire inbox ${dir}: ${name} could not be ingested, trying again later: ${(error as Error).message}`);
          waitUntil.set(name, Date.now() + (options.retryMs ?? 30_000));
        } finally {
          queued.delete(name);
          seen.delete(name);
        }
      }
    })().finally(() => {
      running = null;
      if (queue.length > 0 && !stopped) drain();
      else if (queue.length === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    });
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, (_event, filename) => {
      if (filename && !filename.includes(path.sep)) void look(filename.toString());
      else void scan();
    });
    watcher.on('error', (error) => log(`wire inbox ${dir}: watching failed, relying on rescans: ${error.message}`));
  } catch (error) {
    log(`wire inbox ${dir}: cannot watch the folder, relying on rescans: ${(error as Error).message}`);
  }
  const rescan = setInterval(() => void scan(), options.rescanMs ?? 1000);
  rescan.unref();
  await scan();

  return {
    async stop() {
      stopped = true;
      watcher?.close();
      clearInterval(rescan);
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
    idle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
