import type { Generated } from 'kysely';
import type { JobState } from '../domain/job.js';

/** One job of the durable queue (migration 0012). Times are epoch milliseconds. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON. */
  payload: string;
  state: JobState;
  dedupe_key: string | null;
  attempts: number;
  max_attempts: number | null;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  /** New at every claim; completion is conditional on it, so a runner that lost its claim cannot finish the job. */
  claim_token: string | null;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}
