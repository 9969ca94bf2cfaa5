import { Type } from 'typebox';
import { type Entity, topicPath } from '../domain/entity.js';
import { DatelineError } from '../domain/errors.js';
import { uriPath } from '../domain/slug.js';
import { type ApiDeps, type ApiInstance, decodeSlugCursor, encodeSlugCursor, errors, jsonContext, NOT_MODIFIED, queryString } from './api-context.js';
import { apiUrl, type JsonContext, teaserJson } from './api-json.js';
import { IdParams, NoQuery, PageQuery, SlugParams, Teaser } from './api-schemas.js';

const DEFAULT_LIMIT = 100;
/** Stories a topic's record carries, newest first. */
const TOPIC_STORIES = 20;
/** Related stories a story offers, as on its page. */
const RELATED = 5;

const Topic = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('person'), Type.Literal('organization'), Type.Literal('place')]),
    description: Type.String({ description: 'A short description the newsroom wrote; may be empty' }),
    url: Type.String({ format: 'uri', description: 'The topic page on the site' }),
    api: Type.String({ format: 'uri', description: 'This topic in the API' }),
    feed: Type.String({ format: 'uri', description: 'The topic’s RSS feed' }),
  },
  { description: 'A person, organization or place the newsroom confirmed, named by at least one published story' },
);
const TopicList = Type.Object(
  {
    data: Type.Array(Topic),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last page' }),
    next: Type.Union([Type.String({ format: 'uri' }), Type.Null()], { description: 'The next page; null on the last page' }),
  },
  { description: 'A page of topics in slug order' },
);
const TopicWithStories = Type.Object({ ...Topic.properties, stories: Type.Array(Teaser, { description: `The newest ${TOPIC_STORIES} stories that name it` }) }, { description: 'A topic and its newest stories' });
const RelatedList = Type.Object({ data: Type.Array(Teaser, { description: `Up to ${RELATED}, best first (editors’ pins first)` }) }, { description: 'A story’s related stories' });

function topicJson(ctx: JsonContext, entity: Entity) {
  const page = topicPath(entity);
  return {
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    description: entity.description,
    url: `${ctx.siteUrl}${uriPath(page)}`,
    api: apiUrl(ctx, `/topics/${entity.slug}`),
    feed: `${ctx.siteUrl}${uriPath(page)}/rss.xml`,
  };
}

/** Topics (confirmed people, organizations, places) and each story's related stories (issue 14). */
export function topicRoutes(api: ApiInstance, deps: ApiDeps): void {
  const { store, clock } = deps;

  api.get(
    '/topics',
    {
      schema: {
        summary: 'Topics: the people, organizations and places published stories name, by slug',
        tags: ['topics'],
        querystring: PageQuery,
        response: { 200: TopicList, ...NOT_MODIFIED, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { limit = DEFAULT_LIMIT, cursor } = request.query;
      const afterSlug = cursor === undefined ? undefined : decodeSlugCursor(cursor);
      const rows = await store.entities.publicPage(clock(), { afterSlug, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const ctx = await jsonContext(deps);
      const last = items[items.length - 1];
      const nextCursor = rows.length > limit && last ? encodeSlugCursor(last.slug) : null;
      const next = nextCursor ? apiUrl(ctx, `/topics${queryString({ limit: request.query.limit, cursor: nextCursor })}`) : null;
      if (next) reply.header('link', `<${next}>; rel="next"`);
      return { data: items.map((e) => topicJson(ctx, e)), nextCursor, next };
    },
  );

  api.get(
    '/topics/:slug',
    {
      schema: {
        summary: 'One topic with its newest stories',
        tags: ['topics'],
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: TopicWithStories, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const now = clock();
      const entity = await store.entities.publicBySlug(request.params.slug, now);
      if (!entity) {
        throw new DatelineError('NOT_FOUND', `There is no topic with the slug "${request.params.slug.slice(0, 80)}".`, { hint: 'GET /api/v1/topics lists them.' });
      }
      const [ctx, stories] = await Promise.all([jsonContext(deps), store.articles.list({ scope: { kind: 'topic', entityId: entity.id }, limit: TOPIC_STORIES, now })]);
      return { ...topicJson(ctx, entity), stories: stories.items.map((t) => teaserJson(ctx, t)) };
    },
  );

  api.get(
    '/articles/:id/related',
    {
      schema: {
        summary: 'A story’s related stories, as its page shows them (before More in SECTION is left out)',
        tags: ['articles'],
        params: IdParams,
        querystring: NoQuery,
        response: { 200: RelatedList, ...NOT_MODIFIED, ...errors(400, 401, 404, 410) },
      },
    },
    async (request) => {
      const now = clock();
      const article = await store.articles.byId(request.params.id);
      if (article?.status === 'withdrawn') {
        throw new DatelineError('WITHDRAWN', `The story with id ${request.params.id} was withdrawn.`, { hint: 'Remove it from your copy of the content; it will not come back.' });
      }
      if (article?.status !== 'published' || !article.publishedAt || article.publishedAt > now) {
        throw new DatelineError('NOT_FOUND', `There is no published story with id ${request.params.id}.`, { hint: 'Check the id; GET /api/v1/articles lists the published stories.' });
      }
      const [ctx, related] = await Promise.all([jsonContext(deps), store.related.forPage(article.id, now, new Set(), RELATED)]);
      return { data: related.map((t) => teaserJson(ctx, t)) };
    },
  );
}
