import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Config } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import type { SiteSettingsReader } from '../domain/site-settings.js';
import type { Store } from '../store/index.js';
import type { JsonContext } from './api-json.js';
import { ErrorBody } from './api-schemas.js';

/** What the content API's routes are given. */
export interface ApiDeps {
  store: Store;
  config: Pick<Config, 'siteUrl' | 'rateLimits'>;
  /** The site's settings in force (name, time zone …), read at each request: the Settings screen may change them. */
  settings: SiteSettingsReader;
  /** The current time; tests pass a fixed clock. */
  clock: () => Date;
}

export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export async function jsonContext(deps: ApiDeps): Promise<JsonContext> {
  const [settings, sectionsById] = await Promise.all([deps.settings(), deps.store.sections.byId()]);
  return { siteUrl: deps.config.siteUrl, timeZone: settings.timeZone, sectionsById };
}

/** Error responses a route declares, so the OpenAPI document lists them with their shape. */
export function errors(...statuses: Array<400 | 401 | 404 | 410>) {
  const described = {
    400: 'The request was malformed; the message names the parameter',
    401: 'No valid API key',
    404: 'No such record',
    410: 'The story was withdrawn',
  };
  return Object.fromEntries(statuses.map((s) => [s, { ...ErrorBody, description: described[s] }]));
}

export const NOT_MODIFIED = { 304: { description: 'Not modified: the ETag sent in If-None-Match is still current', type: 'null' } } as const;

/** Opaque cursors for slug-ordered lists: base64url of the last slug. */
export function encodeSlugCursor(slug: string): string {
  return Buffer.from(slug, 'utf8').toString('base64url');
}

export function decodeSlugCursor(cursor: string): string {
  const slug = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z0-9][a-z0-9-]{0,199}$/.test(slug) || encodeSlugCursor(slug) !== cursor) {
    throw new DatelineError('BAD_CURSOR', `The cursor "${cursor.slice(0, 40)}" is not one this API gave out.`);
  }
  return slug;
}

/** `?a=1&b=2` from the parameters that are set, in the order given. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${encodeURIComponent(String(v))}`]));
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
