/**
 * A unit of background work in the job queue. `waiting` jobs are claimed by
 * a runner (`running`, under a lease); they end `done`, `failed` (out of
 * attempts, or a failure that cannot get better) or `cancelled` (by hand,
 * or superseded by a newer waiting job of the same kind and key).
 */
export const JOB_STATES = ['waiting', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export function isJobState(value: string): value is JobState {
  return (JOB_STATES as readonly string[]).includes(value);
}

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  state: JobState;
  /** De-duplication key: at most one waiting job per kind and key. */
  key: string | null;
  /** Attempts started so far (a claim counts as one). */
  attempts: number;
  /** Attempts allowed; null means the handler's own limit. */
  maxAttempts: number | null;
  /** When it is due (for a waiting job: its next attempt). */
  runAt: Date;
  /** The node holding it while running. */
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
