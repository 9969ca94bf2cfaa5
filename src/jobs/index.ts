export { defaultBackoff } from './backoff.js';
export { JobClaimLost, type JobContext, JobError, type JobHandler, type JobLog } from './job-handler.js';
export { JOB_KINDS } from './job-kinds.js';
export { JobRunner, type JobRunnerOptions } from './job-runner.js';
