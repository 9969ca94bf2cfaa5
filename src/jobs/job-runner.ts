import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { ClaimedJob, Store } from '../store/index.js';
import { JOBS_CHANNEL } from '../store/index.js';
import { defaultBackoff } from './backoff.js';
import { JobClaimLost, type JobContext, JobError, type JobHandler, type JobLog } from './job-handler.js';

export interface JobRunnerOptions {
  /** Names this runner in `locked_by` (default host:pid:random). */
  nodeId?: string;
  log: JobLog;
  /** How often to look for due jobs when nothing wakes the runner (default 250 ms; one indexed read). */
  pollMs?: number;
  /** The current time; tests pass a driven one. */
  clock?: () => Date;
  /** How long stop() waits for running handlers before aborting them (default 10 s). */
  stopGraceMs?: number;
  /** How long done jobs stay listed (default 7 days); failed and cancelled ones stay 30 days. */
  keepDoneMs?: number;
  keepFailedMs?: number;
}

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  finished: Promise<void>;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
const RECOVER_EVERY_MS = 1000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** The key of a periodic kind's one job. */
const PERIODIC_KEY = 'periodic';

/**
 * Runs the jobs of the kinds registered with it, from the store's queue.
 * It looks for due work every `pollMs`, at once when this process enqueues,
 * and (PostgreSQL) when another node NOTIFYs; a lost notification only
 * costs a poll. Any number of runners may share a database.
 *
 * @example
 * const runner = new JobRunner(store, { log: fastify.log });
 * runner.register('webhook.deliver', { run: (payload, ctx) => send(payload, ctx.signal), concurrency: 8 });
 * runner.start();
 */
export class JobRunner {
  readonly nodeId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<number, Running>();
  private readonly pollMs: number;
  private readonly now: () => Date;
  private started = false;
  private stopped = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private again = false;
  private wakeSleep: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private lastRecovery = 0;
  private lastPrune = 0;
  /** Resolves when the job started last has had its turn of the event loop (see nextTurn). */
  private turn: Promise<void> = Promise.resolve();
  private readonly cleanups: Array<() => unknown> = [];
  private stopListening: (() => Promise<void>) | undefined;
  private listenTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: JobRunnerOptions,
  ) {
    this.nodeId = options.nodeId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = options.pollMs ?? 250;
    this.now = options.clock ?? (() => new Date());
  }

  /** Says how to run jobs of `kind` on this node. */
  register<P>(kind: string, handler: JobHandler<P>): this {
    if (this.handlers.has(kind)) throw new Error(`job kind "${kind}" is already registered`);
    if (handler.every !== undefined && handler.every <= 0) throw new Error(`job kind "${kind}": every must be positive`);
    // start() puts a periodic kind's one job in the queue; registered later, it would never run.
    if (handler.every !== undefined && this.started) throw new Error(`periodic job kind "${kind}" must be registered before start()`);
    this.handlers.set(kind, handler);
    return this;
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Starts polling; also makes sure each periodic kind has its job. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.cleanups.push(this.store.jobs.onEnqueue((kind) => this.handlers.has(kind) && this.wake()));
    await this.listen(1000);
    for (const [kind, handler] of this.handlers) {
      if (handler.every !== undefined) await this.store.jobs.add({ kind, payload: null, key: PERIODIC_KEY }, this.now());
    }
    this.loop = this.run();
  }

  /** Looks for due work now (a local enqueue calls this itself). */
  wake(): void {
    if (!this.started || this.stopped) return;
    // Seen by a poll in progress (it polls again) or by the loop before it sleeps.
    this.again = true;
    this.wakeSleep?.();
  }

  /**
   * Stops claiming, waits up to `stopGraceMs` for running handlers, then
   * aborts them; a job interrupted that way goes back to the queue without
   * spending an attempt.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.sleepTimer);
    this.wakeSleep?.();
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
    clearTimeout(this.listenTimer);
    await this.stopListening?.();
    await this.loop;
    const all = () => Promise.all([...this.running.values()].map((r) => r.finished));
    if (this.running.size > 0 && !(await within(all(), this.options.stopGraceMs ?? 10_000))) {
      this.stopping = true;
      for (const r of this.running.values()) r.controller.abort(new Error('the job runner is stopping'));
      await within(all(), 2000);
    }
  }

  /**
   * One pass without the timer: recovers expired leases, claims what is due
   * and waits for those jobs to end. Returns how many ran. For tests with a
   * driven clock and for commands that run the queue once.
   */
  async runDue(): Promise<number> {
    const started = await this.pollOnce();
    await Promise.all(started.map((r) => r.finished));
    return started.length;
  }

  /**
   * PostgreSQL: LISTENs for other nodes' new work. A lost connection is
   * reopened with backoff (up to 30 s); meanwhile polling finds everything.
   */
  private async listen(retryMs: number): Promise<void> {
    if (!this.store.db.listen || this.stopped) return;
    const again = () => {
      this.stopListening = undefined;
      if (this.stopped) return;
      this.listenTimer = setTimeout(() => void this.listen(Math.min(30_000, retryMs * 2)), retryMs);
      this.listenTimer.unref();
    };
    try {
      this.stopListening = await this.store.db.listen(
        JOBS_CHANNEL,
        () => this.wake(),
        (error) => {
          this.options.log.warn({ err: error, retryMs }, 'job notifications lost; polling still finds every job');
          again();
        },
      );
      if (this.stopped) await this.stopListening();
    } catch (error) {
      this.options.log.warn({ err: error, retryMs }, 'cannot LISTEN for jobs; polling still finds every job');
      again();
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        do {
          this.again = false;
          // A turn of the event loop before each pass. On SQLite every query answers synchronously, so a
          // job that ends, wakes the runner and starts the next one never leaves the microtask queue: a
          // queue of hundreds of short jobs (a push's related stories) held every request for seconds.
          await new Promise<void>((resolve) => setImmediate(resolve));
          await this.pollOnce();
        } while (this.again && !this.stopped);
      } catch (error) {
        // A database that does not answer is asked again after a poll interval, not in a tight loop.
        this.again = false;
        this.options.log.warn({ err: error }, 'job poll failed');
      }
      if (this.stopped) break;
      if (this.again) continue;
      await new Promise<void>((resolve) => {
        this.wakeSleep = resolve;
        this.sleepTimer = setTimeout(resolve, this.pollMs);
        // The server's listener keeps the process alive; an idle runner alone should not.
        this.sleepTimer.unref();
      });
      clearTimeout(this.sleepTimer);
      this.wakeSleep = undefined;
    }
  }

  private async pollOnce(): Promise<Running[]> {
    const now = this.now();
    const jobs = this.store.jobs;
    if (now.getTime() - this.lastRecovery >= RECOVER_EVERY_MS) {
      this.lastRecovery = now.getTime();
      if (await jobs.anyExpired(now)) {
        const n = await jobs.recoverExpired(now);
        if (n > 0) this.options.log.warn({ jobs: n }, 'took back jobs whose lease ran out');
      }
    }
    if (now.getTime() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await jobs.prune(now, { doneMs: this.options.keepDoneMs ?? 7 * 86_400_000, failedMs: this.options.keepFailedMs ?? 30 * 86_400_000 });
    }
    const free = new Map<string, number>();
    for (const [kind, handler] of this.handlers) {
      const busy = [...this.running.values()].filter((r) => r.job.kind === kind).length;
      const slots = (handler.concurrency ?? DEFAULT_CONCURRENCY) - busy;
      if (slots > 0) free.set(kind, slots);
    }
    const started: Running[] = [];
    for (const kind of await jobs.dueKinds([...free.keys()], now)) {
      if (this.stopped) break;
      const handler = this.handlers.get(kind)!;
      const claimed = await jobs.claim(kind, free.get(kind)!, { nodeId: this.nodeId, now, leaseMs: handler.leaseMs ?? DEFAULT_LEASE_MS });
      for (const job of claimed) started.push(this.execute(job, handler));
    }
    return started;
  }

  private execute(job: ClaimedJob, handler: JobHandler): Running {
    const controller = new AbortController();
    const entry: Running = { job, controller, finished: Promise.resolve() };
    this.running.set(job.id, entry);
    entry.finished = this.attempt(job, handler, controller)
      .catch((error: unknown) => this.options.log.error({ err: error, job: job.id, kind: job.kind }, 'job bookkeeping failed; its lease will run out and it will be retried'))
      .finally(() => {
        this.running.delete(job.id);
        this.wake();
      });
    return entry;
  }

  private async attempt(job: ClaimedJob, handler: JobHandler, controller: AbortController): Promise<void> {
    await this.nextTurn();
    const jobs = this.store.jobs;
    if (this.stopped) {
      // Claimed, but the runner stopped before its turn came: back to the queue without spending an attempt.
      await jobs.requeue(job, { runAt: this.now(), error: 'interrupted: its node stopped', attempts: job.attempt - 1 }, this.now());
      return;
    }
    const fields = { job: job.id, kind: job.kind, attempt: job.attempt };
    const maxAttempts = job.maxAttempts ?? handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (handler.every === undefined && job.attempt > maxAttempts) {
      // Its last attempt ended without an answer (the node died, the lease ran out).
      await jobs.fail(job, `out of attempts (${maxAttempts}); the last one ended without an answer`, this.now());
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(job.payloadJson);
    } catch {
      await jobs.fail(job, 'the payload is not valid JSON', this.now());
      return;
    }
    const leaseMs = handler.leaseMs ?? DEFAULT_LEASE_MS;
    let lost = false;
    const heartbeat = setInterval(() => {
      jobs
        .heartbeat([job], new Date(this.now().getTime() + leaseMs))
        .then((held) => {
          if (!held.has(job.id) && !lost) {
            lost = true;
            controller.abort(new JobClaimLost(job.id));
          }
        })
        .catch((error: unknown) => this.options.log.warn({ ...fields, err: error }, 'job heartbeat failed'));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let completed = false;
    const ctx: JobContext = {
      attempt: job.attempt,
      jobId: job.id,
      signal: controller.signal,
      log: withFields(this.options.log, fields),
      complete: async (work) => {
        const result = await this.store.transaction(async (trx) => {
          if (!(await jobs.complete(trx, job, this.now()))) throw new JobClaimLost(job.id);
          return work(trx);
        });
        completed = true;
        return result;
      },
    };
    const timeoutMs = handler.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new JobError(`timed out after ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      await Promise.race([handler.run(payload, ctx), timedOut]);
      clearInterval(heartbeat);
      if (handler.every !== undefined) {
        await jobs.requeue(job, { runAt: new Date(this.now().getTime() + handler.every), error: null, attempts: 0 }, this.now());
      } else if (!completed && !(await jobs.completeAlone(job, this.now()))) {
        this.options.log.warn(fields, 'job finished after another runner took it over; its completion was not recorded');
      }
    } catch (error) {
      clearInterval(heartbeat);
      await this.failed(job, handler, maxAttempts, error, lost || error instanceof JobClaimLost, controller.signal.aborted && this.stopping);
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timer);
    }
  }

  /**
   * A turn of the event loop of its own for each job that starts. On SQLite a job runs without
   * yielding until it awaits something truly asynchronous, and the jobs one pass claims (several
   * kinds, up to `concurrency` each) would otherwise all run within one turn: a push's jobs held
   * every request for hundreds of milliseconds. Chained, each job starts one turn after the last.
   */
  private nextTurn(): Promise<void> {
    const mine = this.turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.turn = mine;
    return mine;
  }

  private async failed(job: ClaimedJob, handler: JobHandler, maxAttempts: number, error: unknown, lost: boolean, interrupted: boolean): Promise<void> {
    const jobs = this.store.jobs;
    const fields = { job: job.id, kind: job.kind, attempt: job.attempt };
    const message = error instanceof Error ? error.message : String(error);
    const now = this.now();
    if (lost) {
      this.options.log.warn({ ...fields, error: message }, 'job stopped: it was cancelled or another runner took it over');
      return;
    }
    if (interrupted) {
      await jobs.requeue(job, { runAt: now, error: 'interrupted: its node stopped', attempts: job.attempt - 1 }, now);
      return;
    }
    if (handler.every !== undefined) {
      this.options.log.warn({ ...fields, error: message }, 'periodic job failed; it runs again at its next time');
      await jobs.requeue(job, { runAt: new Date(now.getTime() + handler.every), error: message, attempts: 0 }, now);
      return;
    }
    const permanent = error instanceof JobError && error.permanent;
    if (permanent || job.attempt >= maxAttempts) {
      this.options.log.warn({ ...fields, error: message }, 'job failed for good');
      await jobs.fail(job, message, now);
      return;
    }
    const delay = error instanceof JobError && error.retryInMs !== undefined ? error.retryInMs : (handler.backoff ?? defaultBackoff)(job.attempt);
    const runAt = new Date(now.getTime() + Math.max(0, delay));
    this.options.log.warn({ ...fields, error: message, retryAt: runAt.toISOString() }, 'job failed; will retry');
    await jobs.requeue(job, { runAt, error: message }, now);
  }
}

/** Resolves true if `promise` settles within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

function withFields(log: JobLog, fields: object): JobLog {
  return {
    info: (more, message) => log.info({ ...fields, ...more }, message),
    warn: (more, message) => log.warn({ ...fields, ...more }, message),
    error: (more, message) => log.error({ ...fields, ...more }, message),
  };
}
