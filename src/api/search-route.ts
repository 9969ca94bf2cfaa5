import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../domain/errors.js';
import { searchEdge } from '../domain/zoned-day.js';
import { limitPerMinute } from '../rate-limits.js';
import { type ApiDeps, type ApiInstance, errors, jsonContext, NOT_MODIFIED, queryString } from './api-context.js';
import { apiUrl, teaserJson } from './api-json.js';
import { SearchQuery, SearchResults } from './api-schemas.js';

const DEFAULT_LIMIT = 20;

/** Search pages are ranked, not time-ordered, so their cursor is an offset; it is still opaque to clients. */
function encodeOffset(offset: number): string {
  return `o${offset.toString(36)}`;
}

function decodeOffset(cursor: string): number {
  const match = /^o([0-9a-z]{1,6})$/.exec(cursor);
  if (!match) throw new DatelineError('BAD_CURSOR', `The cursor "${cursor.slice(0, 40)}" is not one this API gave out.`);
  return Number.parseInt(match[1] as string, 36);
}

function day(text: string | undefined, edge: 'from' | 'to', timeZone: string): Date | undefined {
  if (text === undefined) return undefined;
  const found = searchEdge(text, edge, timeZone);
  if (!found) throw new DatelineError('BAD_INPUT', `The ${edge} day "${text.slice(0, 40)}" is not a date.`, { hint: 'Write days as YYYY-MM-DD, e.g. 2026-03-10.' });
  return found.at;
}

export function searchRoute(api: ApiInstance, deps: ApiDeps): void {
  const { store, clock, config } = deps;

  api.get(
    '/search',
    {
      onRequest: limitPerMinute(api as unknown as FastifyInstance, 'search', config.rateLimits.search, 'address'),
      schema: {
        summary: 'Search published stories',
        description:
          'Every word must match; the last word of three or more letters also matches as a prefix. Best matches first. ' +
          '`from` and `to` are days in the site time zone and both included.',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: SearchResults, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { q, section: sectionSlug, from, to, limit = DEFAULT_LIMIT, cursor } = request.query;
      const offset = cursor === undefined ? 0 : decodeOffset(cursor);
      let sectionId: number | undefined;
      if (sectionSlug !== undefined) {
        const section = await store.sections.bySlug(sectionSlug);
        if (!section) {
          throw new DatelineError('NOT_FOUND', `There is no section with the slug "${sectionSlug.slice(0, 80)}".`, {
            hint: 'GET /api/v1/sections lists them.',
          });
        }
        sectionId = section.id;
      }
      // Days in the site's time zone as the Settings screen has it now.
      const { timeZone } = await deps.settings();
      const fromAt = day(from, 'from', timeZone);
      const toAt = day(to, 'to', timeZone);
      if (fromAt && toAt && fromAt >= toAt) {
        throw new DatelineError('BAD_INPUT', `The from day ${from} is after the to day ${to}.`, { hint: 'Swap the two days, or leave one out.' });
      }
      const result = await store.search.query({
        text: q,
        sectionId,
        from: fromAt,
        to: toAt,
        limit,
        offset,
        now: clock(),
      });
      const ctx = await jsonContext(deps);
      const more = offset + result.hits.length < result.total && result.hits.length > 0;
      const nextCursor = more ? encodeOffset(offset + result.hits.length) : null;
      const next = nextCursor
        ? apiUrl(ctx, `/search${queryString({ q, section: sectionSlug, from, to, limit: request.query.limit, cursor: nextCursor })}`)
        : null;
      if (next) reply.header('link', `<${next}>; rel="next"`);
      return {
        data: result.hits.map((hit) => ({ ...teaserJson(ctx, hit.teaser), snippetHtml: hit.snippetHtml })),
        total: result.total,
        capped: result.capped,
        nextCursor,
        next,
      };
    },
  );
}
