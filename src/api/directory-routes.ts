import { DatelineError } from '../domain/errors.js';
import { childSections, menuSections, type Section } from '../domain/section.js';
import {
  type ApiDeps,
  type ApiInstance,
  decodeSlugCursor,
  encodeSlugCursor,
  errors,
  jsonContext,
  NOT_MODIFIED,
  queryString,
} from './api-context.js';
import { apiUrl, authorJson, type JsonContext, sectionJson, tagJson } from './api-json.js';
import { Author, AuthorList, NoQuery, PageQuery, SectionNode, SectionTree, SlugParams, Tag, TagList } from './api-schemas.js';

const DEFAULT_LIMIT = 100;

function notFound(what: string, slug: string, list: string): DatelineError {
  return new DatelineError('NOT_FOUND', `There is no ${what} with the slug "${slug.slice(0, 80)}".`, {
    hint: `GET /api/v1/${list} lists them.`,
  });
}

/** Sections, authors and tags: what stories are filed under and written by. */
export function directoryRoutes(api: ApiInstance, deps: ApiDeps): void {
  const { store, clock } = deps;

  function node(ctx: JsonContext, all: readonly Section[], section: Section) {
    return { ...sectionJson(ctx, section), children: childSections(all, section.id).map((child) => sectionJson(ctx, child)) };
  }

  /** Top-level sections in menu order (those out of the menu after them), each with its sub-sections. */
  function topLevel(all: readonly Section[]): Section[] {
    const inMenu = menuSections(all);
    const rest = all.filter((s) => s.parentId === null && !s.inMenu).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    return [...inMenu, ...rest];
  }

  api.get(
    '/sections',
    {
      schema: {
        summary: 'The section tree',
        tags: ['sections'],
        querystring: NoQuery,
        response: { 200: SectionTree, ...NOT_MODIFIED, ...errors(400, 401) },
      },
    },
    async () => {
      const ctx = await jsonContext(deps);
      const all = await store.sections.all();
      return { data: topLevel(all).map((s) => node(ctx, all, s)) };
    },
  );

  api.get(
    '/sections/:slug',
    {
      schema: {
        summary: 'One section with its sub-sections',
        tags: ['sections'],
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: SectionNode, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const section = await store.sections.bySlug(request.params.slug);
      if (!section) throw notFound('section', request.params.slug, 'sections');
      return node(await jsonContext(deps), await store.sections.all(), section);
    },
  );

  api.get(
    '/authors',
    {
      schema: {
        summary: 'Authors (people and organizations such as wire agencies), by slug',
        tags: ['authors'],
        querystring: PageQuery,
        response: { 200: AuthorList, ...NOT_MODIFIED, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { limit = DEFAULT_LIMIT, cursor } = request.query;
      const page = await store.catalog.authors(clock(), limit, cursor === undefined ? undefined : decodeSlugCursor(cursor));
      const ctx = await jsonContext(deps);
      const nextCursor = page.nextAfter === null ? null : encodeSlugCursor(page.nextAfter);
      const next = nextCursor ? apiUrl(ctx, `/authors${queryString({ limit: request.query.limit, cursor: nextCursor })}`) : null;
      if (next) reply.header('link', `<${next}>; rel="next"`);
      return { data: page.items.map((a) => authorJson(ctx, a)), nextCursor, next };
    },
  );

  api.get(
    '/authors/:slug',
    {
      schema: {
        summary: 'One author',
        tags: ['authors'],
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: Author, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const author = await store.authors.bySlug(request.params.slug, clock());
      if (!author) throw notFound('author', request.params.slug, 'authors');
      return authorJson(await jsonContext(deps), author);
    },
  );

  api.get(
    '/tags',
    {
      schema: {
        summary: 'Tags, by slug',
        tags: ['tags'],
        querystring: PageQuery,
        response: { 200: TagList, ...NOT_MODIFIED, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { limit = DEFAULT_LIMIT, cursor } = request.query;
      const page = await store.catalog.tags(clock(), limit, cursor === undefined ? undefined : decodeSlugCursor(cursor));
      const ctx = await jsonContext(deps);
      const nextCursor = page.nextAfter === null ? null : encodeSlugCursor(page.nextAfter);
      const next = nextCursor ? apiUrl(ctx, `/tags${queryString({ limit: request.query.limit, cursor: nextCursor })}`) : null;
      if (next) reply.header('link', `<${next}>; rel="next"`);
      return { data: page.items.map((t) => tagJson(ctx, t)), nextCursor, next };
    },
  );

  api.get(
    '/tags/:slug',
    {
      schema: {
        summary: 'One tag',
        tags: ['tags'],
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: Tag, ...NOT_MODIFIED, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const tag = await store.tags.publicBySlug(request.params.slug, clock());
      if (!tag) throw notFound('tag', request.params.slug, 'tags');
      return tagJson(await jsonContext(deps), tag);
    },
  );
}
