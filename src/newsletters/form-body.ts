import type { FastifyInstance } from 'fastify';

/** Largest form body the reader routes take: an address and a honeypot. */
const FORM_LIMIT = 4096;

/**
 * Parses application/x-www-form-urlencoded bodies (the no-JavaScript forms,
 * and RFC 8058's one-click POST) into a plain object, in this scope only.
 */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // A one-click unsubscribe may come with any body (or a multipart one); only its URL matters.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, _body, done) => done(null, {}));
}
