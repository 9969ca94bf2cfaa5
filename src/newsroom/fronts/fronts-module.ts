import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { configDefaults } from '../../domain/site-settings.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role, SessionUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import { FrontDesk } from './front-desk.js';
import { FrontListSchema, FrontParams, FrontSchema, MoveSchema, PinSchema, SlotParams } from './front-schemas.js';

/** The desk decides what leads: editors and admins. */
const EDITORS: readonly Role[] = ['admin', 'editor'];

const denied = { 401: ErrorSchema, 403: ErrorSchema };
const refused = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...denied };

/** Curated fronts: the home page's and each section's lead and top stories (issue 12). */
export async function frontsModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Expiry times are shown in the site's zone as the Settings screen (or SITE_TIME_ZONE) sets it now.
  const timeZone = async () => (await deps.store.siteSettings.resolve(configDefaults(deps.config), deps.config.pinnedSettings)).timeZone;
  const desk = new FrontDesk(deps.store, timeZone, deps.clock);

  app.get(
    '/fronts',
    { config: { roles: EDITORS }, schema: { tags: ['fronts'], summary: 'Every front the desk can curate', response: { 200: FrontListSchema, ...denied } } },
    async () => ({ items: await desk.list() }),
  );
  app.get(
    '/fronts/:front',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['fronts'],
        summary: 'One front’s slots: each pin and what readers see there now',
        params: FrontParams,
        response: { 200: FrontSchema, ...refused },
      },
    },
    async (request) => desk.get(request.params.front),
  );
  app.put(
    '/fronts/:front/slots/:slot',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['fronts'],
        summary: 'Pin a story into a slot',
        description:
          'With an optional front-only headline and photo and an end time. The front’s pages are purged at once; at the end time the pin lapses and they are purged again.',
        params: SlotParams,
        body: PinSchema,
        response: { 200: FrontSchema, ...refused },
      },
    },
    async (request) => desk.pin(request.params.front, request.params.slot, request.body, (request.user as SessionUser).id),
  );
  app.delete(
    '/fronts/:front/slots/:slot',
    {
      config: { roles: EDITORS },
      schema: { tags: ['fronts'], summary: 'Unpin a slot; it fills itself again', params: SlotParams, response: { 200: FrontSchema, ...refused } },
    },
    async (request) => desk.unpin(request.params.front, request.params.slot),
  );
  app.post(
    '/fronts/:front/move',
    {
      config: { roles: EDITORS },
      schema: {
        tags: ['fronts'],
        summary: 'Move a slot’s story to another slot',
        description: 'The two slots swap; both are pinned afterwards, so the order set holds.',
        params: FrontParams,
        body: MoveSchema,
        response: { 200: FrontSchema, ...refused },
      },
    },
    async (request) => desk.move(request.params.front, request.body.from, request.body.to),
  );
}
