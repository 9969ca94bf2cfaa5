import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ALLOW_NOTHING, type AllowList, parseAddress, refusal } from './address-policy.js';
import { OutboundError } from './outbound-error.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into its addresses; tests inject one that answers like a hostile DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundOptions {
  /** OUTBOUND_ALLOW: named internal hosts and ranges that may be reached. */
  allow?: AllowList;
  resolve?: Resolver;
  /** For the whole exchange, redirects and body included (default 15 s). */
  timeoutMs?: number;
  /** The largest body read; more aborts the transfer (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed, each checked like the first request (default 5; 0 hands a 3xx back). */
  maxRedirects?: number;
}

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Drop the body unread (a webhook's answer): the connection closes after the headers. */
  discardBody?: boolean;
}

export interface OutboundResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: IncomingHttpHeaders;
  header(name: string): string | null;
  body: Buffer;
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * The one way Dateline makes a request to an address it was given from
 * outside (agency picture URLs, feed URLs, webhook receivers). It resolves
 * the host itself, refuses if any address is internal, then connects to the
 * address it checked (no second lookup a rebinding DNS server could answer
 * differently); it follows redirects by hand, checking each; it stops
 * reading past `maxBytes` and gives up after `timeoutMs` in all.
 * @example const res = await guardedFetch('https://agency.example/p/1.jpg', {}, { maxBytes: 40e6 })
 */
export async function guardedFetch(url: string, request: OutboundRequest = {}, options: OutboundOptions = {}): Promise<OutboundResponse> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DEFAULTS, ...options };
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseUrl(url);
  let method = request.method ?? 'GET';
  let body = request.body;
  try {
    for (let hop = 0; ; hop++) {
      const response = await oneHop(current, { ...request, method, body }, options, signal);
      const location = response.headers.location;
      if (response.statusCode && [301, 302, 303, 307, 308].includes(response.statusCode) && location && maxRedirects > 0) {
        response.destroy();
        if (hop >= maxRedirects) throw new OutboundError('TOO_MANY_REDIRECTS', `${url} redirected more than ${maxRedirects} times`);
        current = parseUrl(new URL(location, current).toString());
        // 303 (and, as browsers do, 301/302 after a POST) turn into a GET without the body.
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const bytes = request.discardBody || method === 'HEAD' ? discard(response) : await readCapped(response, maxBytes, current);
      const headers = response.headers;
      return {
        status: response.statusCode ?? 0,
        url: current.toString(),
        headers,
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        body: bytes,
      };
    }
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    if (signal.aborted) throw new OutboundError('TIMEOUT', `${url} did not answer within ${timeoutMs / 1000} s`, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutboundError('NETWORK', `${current.host} could not be reached: ${code ?? (error as Error).message}`, { cause: error });
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundError('BAD_URL', `${text.slice(0, 100)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('BAD_URL', `${url.protocol} URLs are not fetched; only http and https`);
  return url;
}

/** Resolves and checks every address; the first is the one connected to. */
async function checkedAddress(url: URL, options: OutboundOptions): Promise<ResolvedAddress> {
  const allow = options.allow ?? ALLOW_NOTHING;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = parseAddress(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal.kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch (error) {
      throw new OutboundError('DNS_FAILED', `${host} could not be resolved: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    if (addresses.length === 0) throw new OutboundError('DNS_FAILED', `${host} has no addresses`);
  }
  // Every address must pass: a name that also resolves inside could be steered there by the connection order.
  for (const { address } of addresses) {
    const why = refusal(address, host, allow);
    if (why) {
      throw new OutboundError(
        'BLOCKED_ADDRESS',
        `${host}${literal ? '' : ` resolves to ${address}, which`} is a ${why} address and is not contacted (an operator may allow it with OUTBOUND_ALLOW)`,
      );
    }
  }
  return addresses[0] as ResolvedAddress;
}

/** A lookup that answers with the address already checked, so the socket connects exactly there. */
function pinned(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

async function oneHop(
  url: URL,
  request: OutboundRequest & { method: string },
  options: OutboundOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const target = await checkedAddress(url, options);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        protocol: url.protocol,
        host,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        lookup: pinned(target),
        family: target.family,
        // A fresh connection each time: a pooled socket could be one opened for an earlier answer of the resolver.
        agent: false,
        signal,
        ...(secure && !parseAddress(host) && { servername: host }),
      },
      resolve,
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number, url: URL): Promise<Buffer> {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw new OutboundError('TOO_LARGE', `${url.host} sends ${declared} bytes, more than the ${maxBytes} read`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new OutboundError('TOO_LARGE', `${url.host} sent more than the ${maxBytes} bytes read`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function discard(response: IncomingMessage): Buffer {
  response.destroy();
  return Buffer.alloc(0);
}
