import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorSchema } from '../accounts/account-schemas.js';
import type { Role } from '../admin-api-contract.js';
import { denied, signedIn } from './article-routes.js';
import { AdminArticleSchema, ArticleIdParams, NoteEditSchema, NoteParams, NoteSchema, ScheduleSchema } from './article-schemas.js';
import { DESK, WRITERS } from './story-roles.js';
import type { StoryWorkflow } from './story-workflow.js';
import type { WorkflowAction } from './workflow.js';

const tags = ['workflow'];

const ACTIONS: Array<{ action: Exclude<WorkflowAction, 'schedule'>; roles: readonly Role[]; summary: string; description: string }> = [
  { action: 'submit', roles: WRITERS, summary: 'Submit a draft for review', description: 'draft → submitted. Writers submit their own stories.' },
  { action: 'publish', roles: DESK, summary: 'Publish now', description: 'draft, submitted, scheduled or withheld → published. A story that was public before keeps its first publication time.' },
  { action: 'unpublish', roles: DESK, summary: 'Take off the site (or cancel a schedule)', description: 'published or scheduled → draft. Readers get 404 until it is published again.' },
  {
    action: 'unschedule',
    roles: DESK,
    summary: 'Cancel a schedule',
    description: 'scheduled → the status it had before it was scheduled (draft, submitted or withheld). It was never public, so nothing readers see changes.',
  },
  { action: 'withdraw', roles: DESK, summary: 'Withdraw for good', description: 'published, withheld or scheduled → withdrawn. Its address answers 410 Gone from then on.' },
];

/** The workflow buttons: submit, publish, unpublish, schedule, withdraw; and corrections. */
export async function workflowRoutes(fastify: FastifyInstance, workflow: StoryWorkflow): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // 422: a photo lacks alt text (details.photos names each; see src/newsroom/media/alt-text-check.ts).
  const answers = { 200: AdminArticleSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, ...denied };

  for (const { action, roles, summary, description } of ACTIONS) {
    app.post(
      `/articles/:id/${action}`,
      { config: { roles }, schema: { tags, summary, description: `${description} A status that does not allow it answers 409.`, params: ArticleIdParams, response: answers } },
      async (request) => workflow.act(signedIn(request), request.params.id, action),
    );
  }

  app.post(
    '/articles/:id/schedule',
    {
      config: { roles: DESK },
      schema: {
        tags,
        summary: 'Publish at a set time',
        description: 'draft, submitted, withheld or scheduled → scheduled. The scheduler publishes it once, within seconds of the time, on one node.',
        params: ArticleIdParams,
        body: ScheduleSchema,
        response: answers,
      },
    },
    async (request) => workflow.act(signedIn(request), request.params.id, 'schedule', new Date(request.body.at)),
  );

  app.post(
    '/articles/:id/corrections',
    {
      config: { roles: DESK },
      schema: {
        tags,
        summary: 'Append a correction or update note',
        description: 'Shown after the body with its date ("Correction:" / "Update:") and in the JSON-LD; moves the story’s updated time to now.',
        params: ArticleIdParams,
        body: NoteSchema,
        response: { ...answers, 201: AdminArticleSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await workflow.correct(signedIn(request), request.params.id, request.body as never)),
  );

  app.patch(
    '/articles/:id/corrections/:noteId',
    {
      config: { roles: DESK },
      schema: {
        tags,
        summary: 'Reword a correction or update note',
        description:
          'The earlier wording is kept (the story’s `corrections[].history`), the note shows readers it was updated and when, and the story’s updated time moves to now.',
        params: NoteParams,
        body: NoteEditSchema,
        response: answers,
      },
    },
    async (request) => workflow.editNote(signedIn(request), request.params.id, request.params.noteId, request.body.text),
  );
}
