export { computeRelated, STORED_RELATED } from './compute-related.js';
// extractEntities is not exported here: it loads compromise and its lexicon, which only the extraction thread
// (extraction-thread.ts) and tests that import extract-entities.ts directly should pay for.
export type { FoundEntity } from './extract-entities.js';
export { followStoryEvents, processStory, RELATED_CURSOR_META, RELATED_FOLLOW_JOB, refreshStory, registerRelatedJobs } from './related-jobs.js';
