import { type Article, decodeCursor, encodeCursor } from '../domain/article.js';
import { DatelineError } from '../domain/errors.js';
import type { ListScope } from '../store/index.js';
import { type ApiDeps, type ApiInstance, errors, jsonContext, NOT_MODIFIED, queryString } from './api-context.js';
import { apiUrl, articleJson, teaserJson } from './api-json.js';
import { ArticleList, ArticleListQuery, Article as ArticleSchema, ByUrlQuery, IdParams, NoQuery } from './api-schemas.js';

const DEFAULT_LIMIT = 20;

/** A story readers may see now; withdrawn ones are gone (410), the rest do not exist as far as the API says (404). */
function visible(article: Article | undefined, now: Date, asked: string): Article & { publishedAt: Date } {
  if (article?.status === 'withdrawn') {
    throw new DatelineError('WITHDRAWN', `The story ${asked} was withdrawn.`, {
      hint: 'Remove it from your copy of the content; it will not come back.',
    });
  }
  if (article?.status !== 'published' || !article.publishedAt || article.publishedAt > now) {
    throw new DatelineError('NOT_FOUND', `There is no published story ${asked}.`, {
      hint: 'Check the id or address; GET /api/v1/articles lists the published stories.',
    });
  }
  return article as Article & { publishedAt: Date };
}

/** The path part of a story URL or path, as the site stores it: decoded, without a trailing slash. */
export function pathOfUrl(input: string): string {
  let path = input.trim();
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      throw new DatelineError('BAD_INPUT', `The url "${input.slice(0, 200)}" is not a URL.`, {
        hint: 'Pass a story URL such as https://news.example.com/news/some-story, or its path /news/some-story.',
      });
    }
  } else {
    path = path.split(/[?#]/)[0] ?? '';
  }
  if (!path.startsWith('/')) {
    throw new DatelineError('BAD_INPUT', `The url "${input.slice(0, 200)}" is neither an http(s) URL nor a path starting with /.`, {
      hint: 'Pass a story URL such as https://news.example.com/news/some-story, or its path /news/some-story.',
    });
  }
  try {
    path = decodeURI(path);
  } catch {
    // Keep it as sent: a malformed escape cannot match a stored path anyway.
  }
  return path.replace(/\/+$/, '') || '/';
}

export function articleRoutes(api: ApiInstance, deps: ApiDeps): void {
  const { store, clock } = deps;

  api.get(
    '/articles',
    {
      schema: {
        summary: 'List published stories, newest first',
        description:
          'Editorial stories only (sponsored stories are left out, as on the site). Filter by one of section, author or tag. ' +
          'Pages continue with `cursor`, the `nextCursor` of the page before; a story published meanwhile never shifts a page.',
        tags: ['articles'],
        querystring: ArticleListQuery,
        response: { 200: ArticleList, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { section, author, tag, limit = DEFAULT_LIMIT, cursor } = request.query;
      const filters = Object.entries({ section, author, tag }).filter(([, v]) => v !== undefined);
      if (filters.length > 1) {
        throw new DatelineError('BAD_INPUT', `Filter by one of section, author or tag at a time; got ${filters.map(([k]) => k).join(' and ')}.`, {
          hint: 'Drop all but one filter.',
        });
      }
      const before = cursor === undefined ? undefined : decodeCursor(cursor);
      if (before === null) throw new DatelineError('BAD_CURSOR', `The cursor "${cursor?.slice(0, 40)}" is not one this API gave out.`);
      const scope = await scopeOf(deps, { section, author, tag });
      const now = clock();
      const page = await store.articles.list({ scope, limit, before, now });
      const ctx = await jsonContext(deps);
      const nextCursor = page.older ? encodeCursor(page.older) : null;
      const next = nextCursor
        ? apiUrl(ctx, `/articles${queryString({ section, author, tag, limit: request.query.limit, cursor: nextCursor })}`)
        : null;
      if (next) reply.header('link', `<${next}>; rel="next"`);
      return { data: page.items.map((t) => teaserJson(ctx, t)), nextCursor, next };
    },
  );

  api.get(
    '/articles/by-url',
    {
      schema: {
        summary: 'Find a story by its URL on the site',
        description:
          'Takes a full URL or a path. A story that moved (its slug or section changed) is found at any address it ever had; ' +
          'the answer carries its current `path` and `url`.',
        tags: ['articles'],
        querystring: ByUrlQuery,
        response: { 200: ArticleSchema, ...NOT_MODIFIED, ...errors(400, 401, 404, 410) },
      },
    },
    async (request) => {
      const path = pathOfUrl(request.query.url);
      let found = await store.articles.byPath(path);
      if (found.kind === 'moved') found = await store.articles.byPath(found.path);
      const article = visible(found.kind === 'article' ? found.article : undefined, clock(), `at ${path}`);
      return articleJson(await jsonContext(deps), article);
    },
  );

  api.get(
    '/articles/:id',
    {
      schema: {
        summary: 'One story, whole',
        tags: ['articles'],
        params: IdParams,
        querystring: NoQuery,
        response: { 200: ArticleSchema, ...NOT_MODIFIED, ...errors(400, 401, 404, 410) },
      },
    },
    async (request) => {
      const article = visible(await store.articles.byId(request.params.id), clock(), `with id ${request.params.id}`);
      return articleJson(await jsonContext(deps), article);
    },
  );
}

async function scopeOf(deps: ApiDeps, filter: { section?: string | undefined; author?: string | undefined; tag?: string | undefined }): Promise<ListScope> {
  const { store } = deps;
  if (filter.section !== undefined) {
    const section = await store.sections.bySlug(filter.section);
    if (!section) throw missing('section', filter.section, 'sections');
    return { kind: 'section', section };
  }
  if (filter.author !== undefined) {
    const author = await store.authors.bySlug(filter.author, deps.clock());
    if (!author) throw missing('author', filter.author, 'authors');
    return { kind: 'author', authorId: author.id };
  }
  if (filter.tag !== undefined) {
    const tag = await store.tags.publicBySlug(filter.tag, deps.clock());
    if (!tag) throw missing('tag', filter.tag, 'tags');
    return { kind: 'tag', tagId: tag.id };
  }
  return { kind: 'all' };
}

function missing(what: string, slug: string, list: string): DatelineError {
  return new DatelineError('NOT_FOUND', `There is no ${what} with the slug "${slug.slice(0, 80)}".`, {
    hint: `GET /api/v1/${list} lists them.`,
  });
}
