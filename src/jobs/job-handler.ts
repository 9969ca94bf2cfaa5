import type { Tx } from '../store/index.js';

/** The part of a pino logger the runner uses; Fastify's `fastify.log` fits. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  /** This attempt's number, from 1. */
  attempt: number;
  jobId: number;
  /** Aborts when the job is cancelled, its claim is lost, or the runner stops past its grace. */
  signal: AbortSignal;
  /** Logs with the job's id and kind. */
  log: JobLog;
  /**
   * Runs `work` in one transaction with the job's completion, so database
   * work and "done" commit together or not at all: if the claim was lost
   * (the lease ran out and another node took the job), nothing commits and
   * it throws. Use only `trx` inside (on SQLite the one connection is held).
   */
  complete<T>(work: (trx: Tx) => Promise<T>): Promise<T>;
}

export interface JobHandler<P = any> {
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Jobs of this kind one node runs at a time (default 4). */
  concurrency?: number;
  /** Delay before attempt `attempt + 1` after attempt `attempt` failed, in ms (default: 5 s doubling to 1 h, ±20%). */
  backoff?(attempt: number): number;
  /** How long a claim holds before another node may take the job; a heartbeat extends it while the handler runs (default 30 s). */
  leaseMs?: number;
  /**
   * How long one attempt may run (default 15 min). Past it the signal aborts
   * and the attempt counts as failed, even if the handler ignores the
   * signal: its slot is freed and a late `ctx.complete` finds its claim gone.
   */
  timeoutMs?: number;
  /** Attempts before the job is failed, unless the job sets its own (default 5). */
  maxAttempts?: number;
  /**
   * Periodic work: the runner keeps one job of this kind waiting and, after
   * each run (whatever its outcome), puts it back due `every` ms later.
   */
  every?: number;
}

/**
 * A failure the handler describes: `permanent` ends the job as failed at
 * once (a retry cannot help), `retryInMs` picks the next attempt's time
 * instead of the handler's backoff.
 */
export class JobError extends Error {
  readonly permanent: boolean;
  readonly retryInMs: number | undefined;

  constructor(message: string, options: { permanent?: boolean; retryInMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'JobError';
    this.permanent = options.permanent ?? false;
    this.retryInMs = options.retryInMs;
  }
}

/** Thrown by `ctx.complete` when another runner holds the job now. */
export class JobClaimLost extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} is no longer held by this runner (its lease ran out or it was cancelled)`);
    this.name = 'JobClaimLost';
  }
}
