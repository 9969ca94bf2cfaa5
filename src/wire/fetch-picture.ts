import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { type AllowList, guardedFetch, OutboundError, type OutboundOptions } from '../net/index.js';

/** Why a picture could not be read; `permanent` when trying again cannot help. */
export class PictureFetchError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'PictureFetchError';
  }
}

export interface FetchPictureOptions {
  timeoutMs?: number;
  /** Larger files are refused; agencies' high-res files are a few MB. */
  maxBytes?: number;
  /** OUTBOUND_ALLOW and, in tests, a resolver: what the guarded client may reach. */
  outbound?: Pick<OutboundOptions, 'allow' | 'resolve'>;
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 40 * 1024 * 1024 };

/**
 * Reads a rendition's bytes: an http(s) URL, or a path relative to the
 * folder the item's file was in. Paths that leave that folder, absolute
 * paths and other URL schemes are refused. URLs go through the guarded
 * client: an agency item cannot make the server fetch from inside.
 * @example await fetchPicture('photos/ferry.jpg', '/srv/wire/in/2031-03-04')
 */
export async function fetchPicture(href: string, baseDir: string | null, options: FetchPictureOptions = {}): Promise<Buffer> {
  const { timeoutMs, maxBytes } = { ...DEFAULTS, ...options };
  if (/^https?:\/\//i.test(href)) return fetchHttp(href, { ...options.outbound, timeoutMs, maxBytes });
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) throw new PictureFetchError(`${href.slice(0, 20)}… is not an http(s) URL or a relative path`, true);
  if (!baseDir) throw new PictureFetchError(`the relative path ${href} cannot be read: the item did not come from a folder`, true);
  return readRelative(href, baseDir, maxBytes);
}

async function fetchHttp(url: string, options: OutboundOptions): Promise<Buffer> {
  let response: Awaited<ReturnType<typeof guardedFetch>>;
  try {
    response = await guardedFetch(url, { headers: { accept: 'image/*', 'user-agent': 'Dateline wire pictures' } }, options);
  } catch (error) {
    if (error instanceof OutboundError) throw new PictureFetchError(`${url} could not be fetched: ${error.message}`, error.permanent);
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    throw new PictureFetchError(`${url} answered ${response.status}`, response.status === 404 || response.status === 410);
  }
  return response.body;
}

async function readRelative(href: string, baseDir: string, maxBytes: number): Promise<Buffer> {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, decodeURIComponent(href));
  const inside = (p: string, root: string) => {
    const rel = path.relative(root, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (path.isAbsolute(href) || !inside(target, base)) {
    throw new PictureFetchError(`the path ${href} leaves the item's folder and is not read`, true);
  }
  let real: string;
  try {
    real = await realpath(target);
  } catch (error) {
    throw new PictureFetchError(`the file ${href} next to the item cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // A symbolic link inside the folder must not lead out of it either.
  if (!inside(real, await realpath(base))) throw new PictureFetchError(`the path ${href} leads out of the item's folder and is not read`, true);
  const file = await open(real, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) throw new PictureFetchError(`the file ${href} is ${size} bytes, more than the ${maxBytes} allowed`, true);
    return await file.readFile();
  } finally {
    await file.close();
  }
}

/**
 * The picture reader the server and commands use: fetchPicture with the
 * operator's OUTBOUND_ALLOW, shaped for PictureDeskOptions.fetch.
 * @example startPictureRetries(store, { fetch: pictureFetcher(config.outboundAllow) })
 */
export function pictureFetcher(allow: AllowList): (href: string, baseDir: string | null) => Promise<Buffer> {
  return (href, baseDir) => fetchPicture(href, baseDir, { outbound: { allow } });
}
