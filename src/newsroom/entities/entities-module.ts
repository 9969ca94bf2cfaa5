import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ENTITY_DESCRIPTION_MAX, ENTITY_NAME_MAX, type Entity, topicPath } from '../../domain/entity.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { EntityDesk } from './entity-desk.js';

/** Entities are the newsroom's public word on who and what a story is about: editors decide. */
const EDITORS: readonly Role[] = ['admin', 'editor'];

const denied = { 401: ErrorSchema, 403: ErrorSchema };
const refused = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied };

const Kind = Type.Union([Type.Literal('person'), Type.Literal('organization'), Type.Literal('place')]);
const Status = Type.Union([Type.Literal('suggested'), Type.Literal('confirmed'), Type.Literal('removed')]);
const EntitySchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  kind: Kind,
  description: Type.String(),
  pictureId: Type.Union([Type.Integer(), Type.Null()]),
  status: Status,
  path: Type.String({ description: 'The topic page (public once confirmed and named by a published story)' }),
});
const ListItem = Type.Object({ ...EntitySchema.properties, stories: Type.Integer(), aliases: Type.Array(Type.String()) });
const StoryEntity = Type.Object({ ...EntitySchema.properties, source: Type.String(), mentions: Type.Integer(), confident: Type.Boolean() });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RelatedParams = Type.Object({ id: Type.Integer({ minimum: 1 }), relatedId: Type.Integer({ minimum: 1 }) });
const Name = Type.String({ minLength: 1, maxLength: ENTITY_NAME_MAX });
const RelatedItem = Type.Object({ id: Type.Integer(), headline: Type.String(), path: Type.String(), pinned: Type.Boolean() });
const Override = Type.Object({ relatedId: Type.Integer(), action: Type.Union([Type.Literal('pin'), Type.Literal('remove')]), headline: Type.String(), path: Type.String() });

const toJson = (e: Entity) => ({ ...e, path: topicPath(e) });

/** The Entities screen's API and the story editor's entities and related panel (issue 14). */
export async function entitiesModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const desk = new EntityDesk(deps.store);
  const { store } = deps;

  app.get(
    '/entities',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['entities'],
        summary: 'People, organizations and places by status, most-named first',
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            q: Type.Optional(Type.String({ maxLength: ENTITY_NAME_MAX })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ListItem), total: Type.Integer() }), ...refused },
      },
    },
    async (request) => {
      const { status = 'suggested', q, limit = 50, offset = 0 } = request.query;
      const page = await store.entities.list({ status, query: q, limit, offset });
      return { total: page.total, items: page.items.map((e) => ({ ...toJson(e), stories: e.stories, aliases: e.aliases })) };
    },
  );

  app.patch(
    '/entities/:id',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['entities'],
        summary: 'Confirm, remove, rename, describe or picture an entity',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            kind: Type.Optional(Kind),
            description: Type.Optional(Type.String({ maxLength: ENTITY_DESCRIPTION_MAX })),
            pictureId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
            status: Type.Optional(Status),
          },
          { additionalProperties: false },
        ),
        response: { 200: EntitySchema, ...refused },
      },
    },
    async (request) => toJson(await desk.update(request.params.id, request.body, deps.clock())),
  );

  app.post(
    '/entities/:id/aliases',
    {
      config: { roles: EDITORS },
      schema: { tags: ['entities'], summary: 'Another name for an entity', params: IdParams, body: Type.Object({ name: Name }, { additionalProperties: false }), response: { 200: EntitySchema, ...refused } },
    },
    async (request) => toJson(await desk.addAlias(request.params.id, request.body.name, deps.clock())),
  );

  app.post(
    '/entities/:id/aliases/remove',
    {
      config: { roles: EDITORS },
      schema: { tags: ['entities'], summary: 'Forget one of an entity’s other names', params: IdParams, body: Type.Object({ name: Name }, { additionalProperties: false }), response: { 200: EntitySchema, ...refused } },
    },
    async (request) => toJson(await desk.removeAlias(request.params.id, request.body.name, deps.clock())),
  );

  app.post(
    '/entities/:id/merge',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['entities'],
        summary: 'Merge this entity into another (its names become aliases of the other)',
        params: IdParams,
        body: Type.Object({ into: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: EntitySchema, ...refused },
      },
    },
    async (request) => toJson(await desk.merge(request.params.id, request.body.into, deps.clock())),
  );

  app.get(
    '/articles/:id/entities',
    {
      config: { roles: EDITORS },
      schema: { tags: ['entities'], summary: 'The people, organizations and places a story names, with suggestions', params: IdParams, response: { 200: Type.Object({ items: Type.Array(StoryEntity) }), ...refused } },
    },
    async (request) => ({ items: (await store.entities.forArticle(request.params.id)).map((e) => ({ ...toJson(e), source: e.source, mentions: e.mentions, confident: e.confident })) }),
  );

  app.get(
    '/articles/:id/related',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['entities'],
        summary: 'A story’s stored related stories and the editors’ pins and removals',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RelatedItem), overrides: Type.Array(Override) }), ...refused },
      },
    },
    async (request) => store.related.forDesk(request.params.id),
  );

  app.post(
    '/articles/:id/related',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['entities'],
        summary: 'Pin a related story to a story, or remove one from its list',
        params: IdParams,
        body: Type.Object({ relatedId: Type.Integer({ minimum: 1 }), action: Type.Union([Type.Literal('pin'), Type.Literal('remove')]) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...refused },
      },
    },
    async (request, reply) => {
      await desk.setRelated(request.params.id, request.body.relatedId, request.body.action, deps.clock());
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/articles/:id/related/:relatedId',
    { config: { roles: EDITORS }, schema: { tags: ['entities'], summary: 'Undo a pin or removal', params: RelatedParams, response: { 204: Type.Null(), ...refused } } },
    async (request, reply) => {
      await desk.setRelated(request.params.id, request.params.relatedId, 'clear', deps.clock());
      return reply.code(204).send(null);
    },
  );
}
