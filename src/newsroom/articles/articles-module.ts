import type { FastifyInstance } from 'fastify';
import type { NewsroomDeps } from '../admin-modules.js';
import { articleRoutes } from './article-routes.js';
import { historyRoutes } from './history-routes.js';
import { lockRoutes } from './lock-routes.js';
import { previewRoute } from './preview-route.js';
import { StoryDesk } from './story-desk.js';
import { StoryWorkflow } from './story-workflow.js';
import { WireQueue } from './wire-queue.js';
import { wireQueueRoutes } from './wire-queue-routes.js';
import { workflowRoutes } from './workflow-routes.js';

/** The stories lane of the admin API: stories, workflow, revisions, edit locks, corrections and the wire queue. */
export async function articlesModule(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const stories = new StoryDesk(deps.store, deps.clock);
  const workflow = new StoryWorkflow(deps.store, stories.desk, deps.clock);
  await articleRoutes(app, stories);
  await workflowRoutes(app, workflow);
  await historyRoutes(app, stories);
  await lockRoutes(app, stories, deps.clock);
  await previewRoute(app, stories, deps);
  await wireQueueRoutes(app, new WireQueue(deps.store), workflow, deps.clock);
}
