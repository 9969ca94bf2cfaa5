export { articlesModule } from './articles-module.js';
export { type PublishPayload, publishDueStories, publishJobHandler, registerSchedulerJobs } from './scheduler.js';
