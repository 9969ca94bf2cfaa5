export { computeRelated, STORED_RELATED } from './compute-related.js';
export { extractEntities, type FoundEntity } from './extract-entities.js';
export { followStoryEvents, processStory, RELATED_CURSOR_META, RELATED_FOLLOW_JOB, refreshStory, registerRelatedJobs } from './related-jobs.js';
