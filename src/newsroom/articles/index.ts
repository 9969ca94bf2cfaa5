export { articlesModule } from './articles-module.js';
export { publishDueStories, startScheduler } from './scheduler.js';
