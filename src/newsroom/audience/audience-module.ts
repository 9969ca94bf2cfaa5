import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DatelineError } from '../../domain/errors.js';
import type { Edition, NewsletterList } from '../../domain/newsletter.js';
import { normalizeEmail } from '../../domain/newsletter.js';
import { dayOf } from '../../domain/zoned-day.js';
import { parseSubscriberCsv, subscribersCsv } from '../../newsletters/index.js';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import {
  DashboardQuery,
  DashboardSchema,
  EditionCreateSchema,
  EditionListSchema,
  EditionPatchSchema,
  EditionSchema,
  IdParams,
  ImportResultSchema,
  ImportSchema,
  ListCreateSchema,
  ListIndexSchema,
  ListPatchSchema,
  ListSchema,
  OkSchema,
  PreviewSchema,
  SendSchema,
  StoryNumbersQuery,
  StoryNumbersSchema,
  TestSendSchema,
} from './audience-schemas.js';

const EDITORS: readonly Role[] = ['admin', 'editor'];
const ANYONE: readonly Role[] = ['admin', 'editor', 'writer', 'contributor'];
const denied = { 401: ErrorSchema, 403: ErrorSchema };
const refused = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 503: ErrorSchema, ...denied };

function editionJson(e: Edition) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...e, scheduledAt: iso(e.scheduledAt), startedAt: iso(e.startedAt), finishedAt: iso(e.finishedAt), createdAt: undefined, issueDay: undefined };
}

/** Newsletters (lists, editions, subscribers) and audience numbers for editors; per-story numbers for everyone. */
export async function audienceModule(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, clock } = deps;
  const desk = () => {
    if (!deps.newsletters) throw new DatelineError('MAIL_NOT_CONFIGURED', 'Newsletters are not set up in this server.');
    return deps.newsletters;
  };
  const report = () => {
    if (!deps.audience) throw new DatelineError('NOT_FOUND', 'Audience numbers are not set up in this server.');
    return deps.audience;
  };
  const listOr404 = async (id: number): Promise<NewsletterList> => {
    const list = await store.newsletters.listById(id);
    if (!list) throw new DatelineError('NOT_FOUND', `There is no newsletter list ${id}.`, { hint: 'GET /newsletters lists them.' });
    return list;
  };
  const withCounts = async (list: NewsletterList) => ({ ...list, subscribers: (await store.newsletters.subscriberCounts()).get(list.id) ?? { pending: 0, confirmed: 0, unsubscribed: 0 } });

  app.get('/newsletters', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Every list with its subscriber counts, and whether mail is configured', response: { 200: ListIndexSchema, ...denied } } }, async () => {
    const counts = await store.newsletters.subscriberCounts();
    const lists = await store.newsletters.lists();
    return {
      mailConfigured: deps.newsletters?.mailConfigured ?? false,
      items: lists.map((l) => ({ ...l, subscribers: counts.get(l.id) ?? { pending: 0, confirmed: 0, unsubscribed: 0 } })),
    };
  });
  app.post('/newsletters', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Add a list', body: ListCreateSchema, response: { 201: ListSchema, ...refused } } }, async (request, reply) => {
    const created = await store.newsletters.createList(request.body, clock());
    if (!created) throw new DatelineError('CONFLICT', `A list with the slug "${request.body.slug}" exists already.`, { hint: 'Pick another slug.' });
    return reply.code(201).send(await withCounts(created));
  });
  app.patch('/newsletters/:id', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Edit a list’s name, sender, schedule', params: IdParams, body: ListPatchSchema, response: { 200: ListSchema, ...refused } } }, async (request) => {
    await listOr404(request.params.id);
    return withCounts((await store.newsletters.updateList(request.params.id, request.body, clock()))!);
  });

  app.get('/newsletters/:id/editions', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'A list’s editions, newest first, with delivery counts', params: IdParams, response: { 200: EditionListSchema, ...refused } } }, async (request) => {
    await listOr404(request.params.id);
    return { items: (await store.newsletters.editions(request.params.id)).map(editionJson) };
  });
  app.post('/newsletters/:id/editions', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Start an edition (a draft): the automatic digest, or stories an editor picks', params: IdParams, body: EditionCreateSchema, response: { 201: EditionSchema, ...refused } } }, async (request, reply) => {
    const list = await listOr404(request.params.id);
    const { kind, intro, articleIds } = request.body;
    if (kind !== 'digest' && (!articleIds || articleIds.length === 0)) throw new DatelineError('BAD_INPUT', `A ${kind} edition needs at least one story in articleIds.`, { hint: 'Pick the stories to send.' });
    for (const id of articleIds ?? []) {
      if (!(await store.articles.byId(id))) throw new DatelineError('BAD_INPUT', `Story ${id} does not exist.`, { hint: 'Pick stories from the story list.' });
    }
    const now = clock();
    // The day as the newsroom counts it: in the site's time zone as the Settings screen has it now.
    const today = async () => dayOf(now, (await store.siteSettings.reader(deps.config)()).timeZone);
    const subject = request.body.subject ?? (kind === 'alert' ? `Breaking: ${(await store.articles.byId(articleIds![0]!))!.headline}` : `${list.name} — ${await today()}`);
    const edition = await store.newsletters.createEdition({ listId: list.id, kind, subject, intro: intro ?? '', articleIds: articleIds ?? [] }, now);
    return reply.code(201).send(editionJson(edition!));
  });
  app.patch('/editions/:id', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Edit a draft or scheduled edition', params: IdParams, body: EditionPatchSchema, response: { 200: EditionSchema, ...refused } } }, async (request) => {
    const edition = await store.newsletters.updateEdition(request.params.id, request.body);
    if (!edition) throw new DatelineError((await store.newsletters.edition(request.params.id)) ? 'CONFLICT' : 'NOT_FOUND', `Edition ${request.params.id} cannot be edited (it does not exist or is sending or sent).`);
    return editionJson(edition);
  });
  app.get('/editions/:id/preview', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'The edition as subscribers would get it: subject, HTML and text', params: IdParams, response: { 200: PreviewSchema, ...refused } } }, async (request) => {
    const preview = await desk().preview(request.params.id);
    return { ...preview, bytes: Buffer.byteLength(preview.html) };
  });
  app.post('/editions/:id/send', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Send now, or at `at`: once, to every confirmed subscriber', params: IdParams, body: SendSchema, response: { 200: EditionSchema, ...refused } } }, async (request) =>
    editionJson(await desk().send(request.params.id, request.body.at ? new Date(request.body.at) : undefined)),
  );
  app.post('/editions/:id/test', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Send the edition to one address, marked [Test]', params: IdParams, body: TestSendSchema, response: { 200: OkSchema, ...refused } } }, async (request) => {
    const to = normalizeEmail(request.body.to);
    if (!to) throw new DatelineError('BAD_INPUT', `"${request.body.to}" is not an email address.`);
    await desk().sendTest(request.params.id, to);
    return { ok: true };
  });
  app.post('/editions/:id/cancel', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Cancel a draft or scheduled edition', params: IdParams, response: { 200: EditionSchema, ...refused } } }, async (request) => {
    const edition = await store.newsletters.updateEdition(request.params.id, { status: 'cancelled' });
    if (!edition) throw new DatelineError((await store.newsletters.edition(request.params.id)) ? 'CONFLICT' : 'NOT_FOUND', `Edition ${request.params.id} cannot be cancelled (it does not exist, or is sending or sent).`);
    return editionJson(edition);
  });

  app.get('/newsletters/:id/subscribers.csv', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Every subscriber as CSV, with consent dates', params: IdParams } }, async (request, reply) => {
    const list = await listOr404(request.params.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${list.slug}-subscribers.csv"`)
      .send(subscribersCsv(await store.newsletters.subscriptions(list.id)));
  });
  app.post('/newsletters/:id/subscribers/import', { config: { roles: EDITORS }, schema: { tags: ['newsletters'], summary: 'Import confirmed subscribers (email, consented_at); unsubscribed addresses are skipped', params: IdParams, body: ImportSchema, response: { 200: ImportResultSchema, ...refused } } }, async (request) => {
    const list = await listOr404(request.params.id);
    return store.newsletters.importConfirmed(list.id, parseSubscriberCsv(request.body.csv), clock());
  });

  app.get('/audience', { config: { roles: EDITORS }, schema: { tags: ['audience'], summary: 'The dashboard: views and visitors over time, top stories now and today, sections, referrers', querystring: DashboardQuery, response: { 200: DashboardSchema, ...denied } } }, async (request) =>
    report().dashboard(clock(), request.query.days ?? 30),
  );
  app.get('/audience/stories', { config: { roles: ANYONE }, schema: { tags: ['audience'], summary: 'Views and visitors of the given stories over the last days (default 7)', querystring: StoryNumbersQuery, response: { 200: StoryNumbersSchema, ...refused } } }, async (request) => {
    const ids = request.query.ids.split(',').map(Number);
    const numbers = await report().forStories(ids, clock(), request.query.days ?? 7);
    return { items: Object.fromEntries(ids.map((id) => [String(id), numbers.get(id) ?? { views: 0, visitors: 0 }])) };
  });
}
