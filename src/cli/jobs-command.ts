import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { isJobState, JOB_STATES, type Job } from '../domain/job.js';
import type { Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

const listUsage = `Usage: dateline jobs list [--state S] [--kind K] [--limit N] [--json]

Lists background jobs, newest first: id, state, kind, attempts, when it is
due (or ended), its key and its last error. Done jobs are kept 7 days,
failed and cancelled ones 30.

Options:
  --state S    only jobs in this state: ${JOB_STATES.join(', ')}
  --kind K     only jobs of this kind, e.g. webhook.deliver
  --limit N    how many (1 to 10000, default 50)
  --json       one JSON array, for scripts
  -h, --help   show this help
`;

const retryUsage = `Usage: dateline jobs retry ID | --failed [--kind K]

Sends a failed or cancelled job back to the queue, due now, with a fresh
count of attempts. --failed retries every failed job (of one kind).

Options:
  --failed     retry every failed job
  --kind K     with --failed: only jobs of this kind
  -h, --help   show this help
`;

const cancelUsage = `Usage: dateline jobs cancel ID

Cancels a waiting or running job. A running job's handler is stopped at its
next heartbeat and cannot complete it. Retry it later with: dateline jobs retry ID

Options:
  -h, --help   show this help
`;

export const jobsUsage = `Usage: dateline jobs <list|retry|cancel> [options]

Shows and steers the background job queue: webhook deliveries, scheduled
publishing, wire picture fetches, renditions, cache purges. Servers run the
jobs (JOBS=true); these commands work on the database directly.

Subcommands:
  list [--state S] [--kind K] [--limit N] [--json]   list jobs
  retry ID | --failed [--kind K]                     run failed jobs again
  cancel ID                                          cancel a waiting or running job

Run \`dateline jobs <subcommand> --help\` for its options.
`;

interface Parsed {
  positionals: string[];
  values: { state?: string | undefined; kind?: string | undefined; limit?: string | undefined; json?: boolean | undefined; failed?: boolean | undefined };
  usage: string;
}

const SUBCOMMANDS: Record<string, { usage: string; run: (store: Store, args: Parsed) => Promise<void> }> = {
  list: { usage: listUsage, run: list },
  retry: { usage: retryUsage, run: retry },
  cancel: { usage: cancelUsage, run: cancel },
};

export async function jobsCommand(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(jobsUsage);
    return;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) usageError(`there is no jobs subcommand "${name}".`, jobsUsage);
  let parsed: Parsed;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        state: { type: 'string' },
        kind: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        failed: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(sub.usage);
      return;
    }
    parsed = { values, positionals, usage: sub.usage };
  } catch (error) {
    usageError((error as Error).message, sub.usage);
  }
  checkOptions(name, parsed);
  try {
    const store = await openStore(loadConfig());
    try {
      await sub.run(store, parsed);
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

/** Options that belong to another subcommand are usage errors, before any database is opened. */
function checkOptions(name: string, { values, usage }: Parsed): void {
  const allowed: Record<string, string[]> = { list: ['state', 'kind', 'limit', 'json'], retry: ['failed', 'kind'], cancel: [] };
  for (const option of Object.keys(values)) {
    if (option !== 'help' && !allowed[name]!.includes(option)) usageError(`--${option} is not an option of jobs ${name}.`, usage);
  }
}

async function list(store: Store, { positionals, values, usage }: Parsed): Promise<void> {
  if (positionals.length > 0) usageError('list takes no arguments; filter with --state and --kind.', usage);
  if (values.state !== undefined && !isJobState(values.state)) {
    usageError(`--state must be one of ${JOB_STATES.join(', ')}; got "${values.state}".`, usage);
  }
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) usageError(`--limit must be a whole number from 1 to 10000; got "${values.limit}".`, usage);
  const state = values.state !== undefined && isJobState(values.state) ? values.state : undefined;
  const jobs = await store.jobs.list({ state, kind: values.kind, limit });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
    return;
  }
  if (jobs.length === 0) {
    process.stdout.write(state || values.kind ? 'No jobs match.\n' : 'No jobs yet.\n');
    return;
  }
  process.stdout.write(table(['ID', 'STATE', 'KIND', 'TRIES', 'WHEN', 'KEY', 'LAST ERROR'], jobs.map(row)));
  const counts = await store.jobs.counts();
  process.stdout.write(`\n${JOB_STATES.map((s) => `${counts[s]} ${s}`).join(', ')}\n`);
}

function row(job: Job): string[] {
  const when =
    job.state === 'waiting'
      ? `due ${time(job.runAt)}`
      : job.state === 'running'
        ? `on ${job.lockedBy ?? '?'} until ${time(job.lockedUntil ?? job.runAt)}`
        : `ended ${time(job.finishedAt ?? job.runAt)}`;
  const error = job.lastError ? job.lastError.replace(/\s+/g, ' ').slice(0, 100) : '';
  return [String(job.id), job.state, job.kind, `${job.attempts}/${job.maxAttempts ?? '-'}`, when, job.key ?? '', error];
}

async function retry(store: Store, { positionals, values, usage }: Parsed): Promise<void> {
  if (values.failed) {
    if (positionals.length > 0) usageError('give an ID or --failed, not both.', usage);
    const { retried, skipped } = await store.jobs.retryFailed({ kind: values.kind }, new Date());
    process.stdout.write(retried.length === 0 ? 'No failed jobs to retry.\n' : `Retried ${retried.length} job(s): ${retried.join(', ')}.\n`);
    if (skipped.length > 0) process.stdout.write(`Skipped ${skipped.length} whose key already has a waiting job: ${skipped.join(', ')}.\n`);
    return;
  }
  if (values.kind !== undefined) usageError('--kind goes with --failed.', usage);
  if (positionals.length !== 1) usageError('give the id of one job, or --failed.', usage);
  const id = parseId(positionals[0]!);
  const outcome = await store.jobs.retry(id, new Date());
  if (outcome.ok) {
    process.stdout.write(`Job ${id} is waiting again, due now.\n`);
    return;
  }
  if (outcome.reason === 'not-found') throw notFound(id);
  if (outcome.reason === 'duplicate') {
    throw new DatelineError('CONFLICT', `Job ${id} has the same kind and key as job ${outcome.waitingId}, which is already waiting.`, {
      hint: `That job will do the same work; see it with: dateline jobs list --state waiting`,
    });
  }
  throw new DatelineError('CONFLICT', `Job ${id} is ${outcome.state}; only failed or cancelled jobs can be retried.`, {
    hint: outcome.state === 'done' ? 'It already ran to completion.' : 'It is already in the queue; wait for it, or cancel it first.',
  });
}

async function cancel(store: Store, { positionals, usage }: Parsed): Promise<void> {
  if (positionals.length !== 1) usageError('give the id of the job to cancel.', usage);
  const id = parseId(positionals[0]!);
  const was = await store.jobs.cancel(id, new Date());
  if (was === undefined) throw notFound(id);
  if (was === 'waiting' || was === 'running') {
    process.stdout.write(`Cancelled job ${id}${was === 'running' ? '; its handler stops at its next heartbeat' : ''}.\n`);
    return;
  }
  throw new DatelineError('CONFLICT', `Job ${id} is already ${was}; only waiting or running jobs can be cancelled.`, {
    hint: was === 'cancelled' ? 'Nothing to do.' : `To run it again: dateline jobs retry ${id}`,
  });
}

function notFound(id: number): DatelineError {
  return new DatelineError('NOT_FOUND', `There is no job with id ${id}.`, { hint: 'See the ids with: dateline jobs list' });
}

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) {
    throw new DatelineError('BAD_INPUT', `"${raw}" is not a job id.`, { hint: 'Use the number from: dateline jobs list' });
  }
  return id;
}

function time(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
