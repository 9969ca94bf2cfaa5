import { guardedFetch, OutboundError, type OutboundOptions, type OutboundResponse } from '../../net/index.js';
import type { Store, WirePollSource } from '../../store/index.js';
import { type IngestReport, ingestFiles, summaryLine } from '../ingest/index.js';
import type { PictureDeskOptions } from '../picture-desk.js';
import type { ZipLimits } from '../read-zip.js';
import type { WireRules } from '../wire-source-rules.js';
import { backoffMs } from './poll-interval.js';
import { rulesFor } from './source-rules.js';
import { wireFilesOf } from './wire-files-of.js';

export interface PollDeps {
  store: Store;
  /** The server's rules (WIRE_RULES), for sources added without rules of their own. */
  rules: WireRules;
  clock: () => Date;
  /** OUTBOUND_ALLOW and, in tests, a resolver: a feed URL cannot point the poller inside. */
  outbound?: Pick<OutboundOptions, 'allow' | 'resolve'>;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** The largest response read (default 10 MB). */
  maxBytes?: number;
  pictures?: PictureDeskOptions;
  /** What a zip archive the feed answers with may cost (WIRE_ZIP_* settings). */
  zipLimits?: ZipLimits;
  log?: (line: string) => void;
}

export interface PollRun {
  source: string;
  /** `304`, `200`, or what went wrong. */
  status: string;
  report?: IngestReport;
  error?: string;
}

const ACCEPT = 'application/json, application/vnd.iptc.g2.newsitem+xml, application/vnd.iptc.g2.newsmessage+xml, application/xml;q=0.9, application/zip;q=0.8';

/**
 * Polls one source once: a conditional GET with its ETag and Last-Modified;
 * 304 changes nothing, 200 ingests the body (one ninjs or NewsML-G2
 * document, a JSON array of ninjs items, or a zip), anything else counts a
 * failure and the next poll waits longer (doubling, at most an hour).
 */
export async function pollSource(deps: PollDeps, source: WirePollSource): Promise<PollRun> {
  const started = deps.clock();
  const maxBytes = deps.maxBytes ?? 10 * 1024 * 1024;
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': 'Dateline wire poller' };
  if (source.etag) headers['if-none-match'] = source.etag;
  if (source.lastModified) headers['if-modified-since'] = source.lastModified;
  const fail = async (error: string): Promise<PollRun> => {
    const failures = source.failures + 1;
    const next = new Date(started.getTime() + backoffMs(source.intervalMs, failures));
    deps.log?.(`wire poll ${source.name}: ${error}; next try ${next.toISOString()}`);
    await deps.store.wirePoll.polled(source.id, { status: 'error', error, failures, nextPollAt: next }, deps.clock());
    return { source: source.name, status: 'error', error };
  };
  let response: OutboundResponse;
  try {
    // Redirects are followed by the guarded client, each one checked; the body is read up to maxBytes only.
    response = await guardedFetch(source.url, { headers }, { ...deps.outbound, timeoutMs: deps.timeoutMs ?? 30_000, maxBytes });
  } catch (error) {
    return fail(`the feed could not be fetched: ${error instanceof OutboundError ? error.message : (error as Error).message}`);
  }
  if (response.status === 304) {
    await deps.store.wirePoll.polled(source.id, { status: '304', error: null, failures: 0, nextPollAt: nextPoll(started, source) }, deps.clock());
    return { source: source.name, status: '304' };
  }
  if (response.status !== 200) return fail(`the feed answered HTTP ${response.status}`);
  const bytes = new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength);
  const report = await ingestFiles(deps.store, await wireFilesOf(bytes, { kind: 'poll', name: source.url }, deps.zipLimits), {
    rules: await rulesFor(deps.store, deps.rules, source.name, source.rulesJson),
    now: deps.clock,
    pictures: deps.pictures,
    log: deps.log,
  });
  // Validators are replaced, not kept: a response without an ETag must not leave the old one to be sent.
  await deps.store.wirePoll.polled(
    source.id,
    {
      status: `200: ${summaryLine(report.counts)}`,
      error: null,
      failures: 0,
      etag: response.header('etag'),
      lastModified: response.header('last-modified'),
      nextPollAt: nextPoll(started, source),
    },
    deps.clock(),
  );
  return { source: source.name, status: '200', report };
}

function nextPoll(started: Date, source: WirePollSource): Date {
  return new Date(started.getTime() + source.intervalMs);
}

/**
 * Polls every due source this node can claim. The claim is a lease on the
 * row, so with several nodes each poll runs on exactly one; a node that
 * dies mid-poll loses the lease when it runs out and another takes over.
 */
export async function pollDue(deps: PollDeps): Promise<PollRun[]> {
  const now = deps.clock();
  const leaseMs = (deps.timeoutMs ?? 30_000) + 60_000;
  const runs: PollRun[] = [];
  for (const source of await deps.store.wirePoll.due(now)) {
    if (!(await deps.store.wirePoll.claim(source.id, now, leaseMs))) continue;
    runs.push(await pollSource(deps, source));
  }
  return runs;
}

/**
 * Looks for due sources every `tickMs` until stopped. Ticks never overlap;
 * stop waits for the running one, so the database can close after.
 */
export function startPolling(deps: PollDeps, tickMs = 1000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = pollDue(deps)
      .catch((error) => deps.log?.(`wire polling failed: ${(error as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
