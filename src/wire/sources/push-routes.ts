import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../../domain/bearer-token.js';
import { DatelineError, errorBody, isDatelineError } from '../../domain/errors.js';
import { HTTP_STATUS } from '../../http-status.js';
import { limitPerMinute } from '../../rate-limits.js';
import type { Store, WirePushSource } from '../../store/index.js';
import { ingestFiles } from '../ingest/index.js';
import { type PictureDeskOptions, retryDuePictures } from '../picture-desk.js';
import type { ZipLimits } from '../read-zip.js';
import type { WireRules } from '../wire-source-rules.js';
import { describeItems } from './item-results.js';
import { rulesFor } from './source-rules.js';
import { looksLikeZip, wireFilesOf } from './wire-files-of.js';

export const PUSH_PREFIX = '/wire';
/** How long one of a push's transactions may hold the event loop before it commits and lets others run. */
const PUSH_SLICE_MS = 15;

/** The bodies POST /wire/ingest takes; anything else is 415 before a byte is read. */
export const PUSH_CONTENT_TYPES = [
  'application/json',
  'application/vnd.iptc.g2.newsitem+xml',
  'application/vnd.iptc.g2.newsmessage+xml',
  'application/xml',
  'text/xml',
  'application/zip',
] as const;

export interface PushDeps {
  store: Store;
  siteUrl: string;
  /** The largest body, in bytes (WIRE_PUSH_MAX_MB). */
  maxBytes: number;
  /** The server's rules (WIRE_RULES), for sources added without rules of their own. */
  rules: WireRules;
  clock: () => Date;
  pictures?: PictureDeskOptions;
  /** What a pushed zip archive may cost (WIRE_ZIP_* settings). */
  zipLimits?: ZipLimits;
  /** The most items one push may carry (WIRE_PUSH_MAX_ITEMS). */
  maxItems?: number;
  /** Pushes per minute per token (RATE_LIMIT_PUSH; 0 = off). */
  perMinute?: number;
}

/** The one place this plugin turns a code into a status. */
const TOKEN_HINT = 'Send `Authorization: Bearer <token>` with the token `dateline wire source add NAME` printed.';

declare module 'fastify' {
  interface FastifyRequest {
    wireSource?: WirePushSource;
  }
}

/**
 * POST /wire/ingest: an agency pushes one document (ninjs JSON, NewsML-G2
 * XML, or a zip of them) with its bearer token. Encapsulated: its token
 * check, body parsers and JSON errors apply to these routes only. A request
 * bad as a whole (no token, wrong type, too large, not a zip) stores
 * nothing; otherwise each item is stored whole or not at all, and any item
 * that could not be read makes the answer 422 with every item's result.
 * @example await fastify.register(pushRoutes, { prefix: '/wire', store, siteUrl, maxBytes, rules, clock })
 */
export async function pushRoutes(fastify: FastifyInstance, deps: PushDeps): Promise<void> {
  const megabytes = Math.round((deps.maxBytes / 1024 / 1024) * 10) / 10;
  const pictures = backgroundPictures(deps);
  fastify.addHook('onClose', () => pictures.stop());
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser([...PUSH_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body));

  fastify.setErrorHandler(async (error: FastifyError | DatelineError, request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (isDatelineError(error)) {
      const status = HTTP_STATUS[error.code] ?? 500;
      if (status === 401) reply.header('www-authenticate', 'Bearer realm="dateline wire"');
      return reply.code(status).send(errorBody(error.code, error.message, error.hint));
    }
    const status = (error as FastifyError).statusCode;
    if (status === 413) {
      return reply
        .code(413)
        .send(errorBody('TOO_LARGE', `The body is larger than ${megabytes} MB, the most POST /wire/ingest takes.`, 'Send fewer items per request, or ask the administrator to raise WIRE_PUSH_MAX_MB.'));
    }
    if (status === 415) {
      const { message, hint } = unsupported(request.headers['content-type']);
      return reply.code(415).send(errorBody('UNSUPPORTED_TYPE', message, hint));
    }
    if (status && status >= 400 && status < 500) return reply.code(status).send(errorBody('BAD_INPUT', error.message, 'See docs/wire.md, "HTTP push".'));
    request.log.error({ err: error }, 'wire push failed');
    return reply.code(500).send(errorBody('INTERNAL', 'Something went wrong on our side; nothing was answered for this request.', 'Send it again in a minute: items already stored come back "unchanged".'));
  });

  // Counted before the token is looked up: a flood of pushes, good token or not, is cut off cheaply.
  for (const hook of limitPerMinute(fastify, 'wire push', deps.perMinute ?? 0, 'bearer')) fastify.addHook('onRequest', hook);
  // The token is checked before the body is read, so a stranger cannot make the server read megabytes.
  fastify.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer.kind === 'missing') throw new DatelineError('UNAUTHORIZED', 'This request has no push token.', { hint: TOKEN_HINT });
    if (bearer.kind === 'malformed') throw new DatelineError('UNAUTHORIZED', 'The Authorization header is not of the form "Bearer <token>".', { hint: TOKEN_HINT });
    const source = await deps.store.wirePush.verify(bearer.token, deps.clock());
    if (!source) {
      throw new DatelineError('UNAUTHORIZED', 'The push token is not valid: it was mistyped, or it has been revoked.', {
        hint: 'Check the token; if it was revoked, ask an administrator for a new one (`dateline wire source add NAME`).',
      });
    }
    request.wireSource = source;
  });

  fastify.post('/ingest', async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new DatelineError('UNSUPPORTED_TYPE', unsupported(request.headers['content-type']).message, { hint: unsupported(undefined).hint });
    if (body.length === 0) throw new DatelineError('BAD_INPUT', 'The body is empty.', { hint: 'Send one ninjs JSON or NewsML-G2 XML document, or a zip of them.' });
    const isZipType = /^application\/zip\b/i.test(request.headers['content-type'] ?? '');
    if (isZipType !== looksLikeZip(body)) {
      throw new DatelineError('BAD_INPUT', isZipType ? 'The body is declared application/zip but is not a zip archive.' : 'The body is a zip archive but is not declared application/zip.', {
        hint: 'Send the Content-Type that matches the body.',
      });
    }
    const source = request.wireSource as WirePushSource;
    const files = await wireFilesOf(body, { kind: 'http', name: `push:${source.name}` }, deps.zipLimits);
    const failure = files.length === 1 ? files[0]?.failure : undefined;
    if (failure && files[0]?.limit) {
      throw new DatelineError('TOO_LARGE', `The archive is refused: ${failure.replace(/^the zip archive cannot be read: /, '')}.`, {
        hint: 'Send fewer or smaller items per archive; an administrator can raise the WIRE_ZIP_* limit the message names (docs/security.md).',
      });
    }
    if (failure) throw new DatelineError('BAD_INPUT', `The body cannot be read: ${failure}.`, { hint: 'Send a valid zip archive of .json or .xml items.' });
    // Pictures are fetched after the answer, not before it: how long an agency URL takes to answer must not
    // show in the push reply (a timing oracle into whatever the URL points at), nor hold the pusher.
    const report = await ingestFiles(deps.store, files, {
      rules: await rulesFor(deps.store, deps.rules, source.name, source.rulesJson),
      now: deps.clock,
      // Small transactions: on SQLite a batch runs without yielding, so it commits after 25 items (not the
      // CLI's 100) or once it has held the event loop for 15 ms, and lets other requests run (issue 9: no
      // stall over 50 ms; the related-stories jobs the push starts may take their own turn beside it).
      batchSize: 25,
      sliceMs: PUSH_SLICE_MS,
      ...(deps.maxItems !== undefined && { maxItems: deps.maxItems }),
    });
    pictures.kick();
    const items = await describeItems(deps.store, report, deps.siteUrl, deps.clock());
    reply.header('cache-control', 'no-store');
    if (report.counts.quarantined === 0) return reply.code(200).send({ counts: report.counts, items });
    const bad = report.counts.quarantined;
    return reply.code(422).send({
      ...errorBody(
        'ITEMS_REJECTED',
        `${bad} of ${items.length} item(s) could not be read and went to the quarantine; the others were stored.`,
        'Read items[].reason, fix those items and send them again. Items already stored come back "unchanged".',
      ),
      counts: report.counts,
      items,
    });
  });

  fastify.route({ method: ['GET', 'PUT', 'PATCH', 'DELETE'], url: '/ingest', handler: async (request) => {
    throw new DatelineError('BAD_INPUT', `${request.method} is not how to push: use POST.`, { hint: 'POST one document to /wire/ingest; see docs/wire.md, "HTTP push".' });
  } });
}

function unsupported(contentType: string | undefined): { message: string; hint: string } {
  return {
    message: contentType ? `POST /wire/ingest does not take ${contentType.split(';')[0]} bodies.` : 'The request has no Content-Type.',
    hint: `Send one of: ${PUSH_CONTENT_TYPES.join(', ')}.`,
  };
}

/** Fetches queued pictures in the background, one run at a time; a kick during a run asks for one more. */
function backgroundPictures(deps: PushDeps): { kick(): void; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (!deps.pictures || stopped) return;
    if (running) {
      again = true;
      return;
    }
    const options = { now: deps.clock, ...deps.pictures };
    running = retryDuePictures(deps.store, options)
      .then(() => undefined)
      .catch((error: unknown) => deps.pictures?.log?.(`wire push pictures: ${(error as Error).message}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return {
    kick: run,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
