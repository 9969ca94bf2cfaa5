import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { parseWebhookEvents, parseWebhookUrl, WEBHOOK_EVENT_KINDS } from '../domain/webhook.js';
import type { DeliveryLogEntry, Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

const addUsage = `Usage: dateline webhook add URL [--events LIST] [--secret S]

Adds a subscriber: every story event of the chosen kinds that happens from
now on is POSTed to URL, signed with the secret (see docs/webhooks.md).
Events that happened before it was added are not sent.

Options:
  --events LIST   comma-separated, from ${WEBHOOK_EVENT_KINDS.join(',')} (default: all)
  --secret S      the signing secret, at least 16 characters; one is generated and
                  printed once when you leave it out
  -h, --help      show this help
`;

const listUsage = `Usage: dateline webhook list

Lists subscribers: id, status (active, or disabled after a 410 Gone), events and URL.

Options:
  -h, --help   show this help
`;

const removeUsage = `Usage: dateline webhook remove ID

Removes a subscriber with its pending deliveries and delivery log.

Options:
  -h, --help   show this help
`;

const logUsage = `Usage: dateline webhook log [ID] [--limit N]

Shows recent deliveries, newest first, with every attempt: time, event,
story, status, attempts, last status code or error, and next retry.
With ID, only that subscriber's deliveries.

Options:
  --limit N    how many deliveries (1 to 1000, default 20)
  -h, --help   show this help
`;

export const webhookUsage = `Usage: dateline webhook <add|list|remove|log> [options]

Manages webhook subscribers: receivers that get a signed POST when a story
is published, updated, corrected or withdrawn. The server sends them.

Subcommands:
  add URL [--events LIST] [--secret S]   add a subscriber
  list                                   list subscribers
  remove ID                              remove a subscriber
  log [ID] [--limit N]                   recent deliveries and attempts

Run \`dateline webhook <subcommand> --help\` for its options.
`;

const SUBCOMMANDS: Record<string, { usage: string; run: (store: Store, args: Parsed) => Promise<void> }> = {
  add: { usage: addUsage, run: add },
  list: { usage: listUsage, run: list },
  remove: { usage: removeUsage, run: remove },
  log: { usage: logUsage, run: log },
};

interface Parsed {
  positionals: string[];
  values: { events?: string | undefined; secret?: string | undefined; limit?: string | undefined };
  usage: string;
}

export async function webhookCommand(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(webhookUsage);
    return;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) usageError(`there is no webhook subcommand "${name}".`, webhookUsage);
  let parsed: Parsed;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        events: { type: 'string' },
        secret: { type: 'string' },
        limit: { type: 'string' },
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

async function add(store: Store, { positionals, values, usage }: Parsed): Promise<void> {
  if (positionals.length !== 1) usageError('give exactly one URL.', usage);
  const url = parseWebhookUrl(positionals[0]!);
  const events = parseWebhookEvents(values.events);
  const given = values.secret;
  if (given !== undefined && (given.length < 16 || /\s/.test(given))) {
    throw new DatelineError('BAD_INPUT', 'The secret must be at least 16 characters without spaces.', {
      hint: 'Leave out --secret and Dateline generates a strong one.',
    });
  }
  const secret = given ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const subscriber = await store.webhooks.add({ url, secret, events });
  process.stdout.write(`Added webhook ${subscriber.id}: ${url}\nEvents: ${events.join(', ')}\n`);
  process.stdout.write(
    given === undefined
      ? `Secret: ${secret}\n  This is the only time it is shown: store it where the receiver can read it.\n`
      : 'Secret: the one you gave.\n',
  );
  process.stdout.write('It receives events from now on; earlier story events are not sent.\n');
}

async function list(store: Store, { positionals, usage }: Parsed): Promise<void> {
  if (positionals.length > 0) usageError('list takes no arguments.', usage);
  const subscribers = await store.webhooks.list();
  if (subscribers.length === 0) {
    process.stdout.write('No webhooks. Add one with: dateline webhook add URL\n');
    return;
  }
  const rows = subscribers.map((s) => [
    String(s.id),
    s.status,
    s.events.length === WEBHOOK_EVENT_KINDS.length ? 'all' : s.events.join(','),
    s.url + (s.disabledReason ? `  (${s.disabledReason})` : ''),
  ]);
  process.stdout.write(table(['ID', 'STATUS', 'EVENTS', 'URL'], rows));
}

async function remove(store: Store, { positionals, usage }: Parsed): Promise<void> {
  if (positionals.length !== 1) usageError('give the id of the webhook to remove.', usage);
  const id = parseId(positionals[0]!);
  if (!(await store.webhooks.remove(id))) {
    throw new DatelineError('NOT_FOUND', `There is no webhook with id ${id}.`, { hint: 'See the ids with: dateline webhook list' });
  }
  process.stdout.write(`Removed webhook ${id} with its deliveries and log.\n`);
}

async function log(store: Store, { positionals, values, usage }: Parsed): Promise<void> {
  if (positionals.length > 1) usageError('give at most one webhook id.', usage);
  const subscriberId = positionals[0] === undefined ? undefined : parseId(positionals[0]);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) usageError(`--limit must be a whole number from 1 to 1000; got "${values.limit}".`, usage);
  if (subscriberId !== undefined && !(await store.webhooks.byId(subscriberId))) {
    throw new DatelineError('NOT_FOUND', `There is no webhook with id ${subscriberId}.`, { hint: 'See the ids with: dateline webhook list' });
  }
  const entries = await store.webhooks.log({ subscriberId, limit });
  const failure = await store.webhooks.dispatchFailure();
  if (failure) {
    // Not a delivery, but why deliveries are missing: shown first, as an error.
    process.stdout.write(
      `ERROR the dispatcher cannot make deliveries: ${failure.message}\n  since ${time(failure.since)}, ${failure.passes} pass(es) in a row, last ${time(failure.last)}; new events wait and go out once it works.\n\n`,
    );
  }
  if (entries.length === 0) {
    process.stdout.write('No deliveries yet.\n');
    return;
  }
  process.stdout.write(entries.map(formatEntry).join('\n'));
}

/** One delivery and its attempts, as the log shows them. */
export function formatEntry(e: DeliveryLogEntry): string {
  const last = e.lastStatusCode !== null ? `last answer ${e.lastStatusCode}` : e.lastError ? `last error: ${e.lastError}` : 'not tried yet';
  const next = e.status === 'pending' && e.nextAttemptAt ? `, next try ${time(e.nextAttemptAt)}` : '';
  const lines = [
    `delivery ${e.id}  ${time(e.createdAt)}  ${e.event}  story ${e.articleId} "${e.headline}"  -> webhook ${e.subscriberId} ${e.subscriberUrl}`,
    `  ${e.status}, ${e.attempts} attempt(s), ${last}${e.lastStatusCode !== null && e.lastError ? ` (${e.lastError})` : ''}${next}`,
  ];
  for (const a of e.attemptLog) {
    const outcome = a.statusCode !== null ? `HTTP ${a.statusCode}` : `error: ${a.error}`;
    lines.push(`    ${time(a.at)}  ${outcome}  ${a.durationMs} ms${a.nextAttemptAt ? `  retry at ${time(a.nextAttemptAt)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) {
    throw new DatelineError('BAD_INPUT', `"${raw}" is not a webhook id.`, { hint: 'Use the number from: dateline webhook list' });
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
