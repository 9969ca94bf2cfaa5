import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import type { Store } from '../store/index.js';
import { pictureFetcher } from '../wire/fetch-picture.js';
import { summaryLine } from '../wire/ingest/index.js';
import { formatInterval, parsePollInterval, rulesFor, startInbox } from '../wire/sources/index.js';
import { loadWireRules } from '../wire/wire-source-rules.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

const watchUsage = `Usage: dateline wire watch DIR [--rules FILE] [--source NAME]

Watches DIR in the foreground and ingests every file dropped there (the
server does the same for WIRE_INBOX). Files already there are taken first.
Each file is moved to DIR/done/ (every item stored, unchanged or skipped)
or DIR/failed/ (an item went to the quarantine), with NAME.report.json
beside it. A file is read once its size has not changed for 200 ms; writers
that pause longer should write under a name starting with "." or ending in
.tmp or .part and rename it into place. Stop with Ctrl-C.

Options:
  --rules FILE    a wire rules file in place of the WIRE_RULES variable's;
                  the newsroom's rules apply as for the server's inbox
  --source NAME   which source's rules to use (default: "inbox")
  -h, --help      show this help
`;

const sourceUsage = `Usage: dateline wire source <add NAME [--rules FILE] | list | revoke NAME|ID>

Agencies that push items to POST /wire/ingest, each with its own token.

  add NAME [--rules FILE]   make a push source and print its token on the
                            last line. It is shown only this once: only a
                            SHA-256 hash is stored. --rules stores that
                            file's rules for NAME; without it the server's
                            WIRE_RULES are used.
  list                      every source: id, name, created, last push, status
  revoke NAME|ID            the token stops working at once (401)

Options:
  -h, --help   show this help
`;

const pollUsage = `Usage: dateline wire poll <add URL --every 60s [--name NAME] [--rules FILE] | list | remove NAME|ID>

Feed URLs the server polls. Each answer is one document (ninjs JSON, a
NewsML-G2 item or newsMessage, a JSON array of ninjs items, or a zip).
Polls are conditional (ETag, Last-Modified); failures back off, doubling
up to an hour. With several nodes each poll runs on one of them.

  add URL --every INTERVAL   poll URL every INTERVAL (5s to 24h: 90s, 5m, 1h)
      --name NAME            a name for it (default: the URL's host and path)
      --rules FILE           store that file's rules for NAME (default: WIRE_RULES)
  list                       every poll source and what its last poll did
  remove NAME|ID             stop polling it

Options:
  -h, --help   show this help
`;

export const wireSourcesUsageLines = `  watch DIR                        ingest files dropped in DIR (foreground)
  source add|list|revoke           tokens for agencies that push to /wire/ingest
  poll add|list|remove             feed URLs the server polls`;

interface Values {
  rules?: string;
  source?: string;
  every?: string;
  name?: string;
  help?: boolean;
}

/** `wire watch`, `wire source …` and `wire poll …`, dispatched from the wire command. */
export const WIRE_SOURCE_COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  watch: (argv) => run(argv, watchUsage, watch),
  source: (argv) => run(argv, sourceUsage, source),
  poll: (argv) => run(argv, pollUsage, poll),
};

async function run(argv: string[], usage: string, fn: (store: Store, positionals: string[], values: Values, config: Readonly<Config>) => Promise<void>): Promise<void> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string' },
        source: { type: 'string' },
        every: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usageError((error as Error).message, usage);
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const check = (ok: boolean, message: string) => ok || usageError(message, usage);
  check(fn !== watch || positionals.length === 1, 'give the one folder to watch.');
  check(fn === watch || positionals.length > 0, 'give an action: add, list or the other one named below.');
  try {
    const config = loadConfig();
    const store = await openStore(config);
    try {
      await fn(store, positionals, values, config);
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

const day = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never');

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return `${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

async function rulesJsonOf(file: string | undefined, name: string): Promise<string | null> {
  if (!file) return null;
  return JSON.stringify((await loadWireRules(file)).forSource(name));
}

async function watch(store: Store, positionals: string[], values: Values, config: Readonly<Config>): Promise<void> {
  const dir = path.resolve(positionals[0] as string);
  const fileRules = await loadWireRules(values.rules ?? config.wireRulesFile);
  const name = values.source ?? 'inbox';
  const inbox = await startInbox(store, {
    dir,
    // Read at each file, as the server's inbox does: a change made in the newsroom holds at once.
    rules: () => rulesFor(store, fileRules, name),
    siteUrl: config.siteUrl,
    pictures: { fetch: pictureFetcher(config.outboundAllow) },
    zipLimits: config.zipLimits,
    log: (line) => process.stderr.write(`${line}\n`),
    onFile: (r) => process.stdout.write(`${r.file} → ${path.relative(dir, r.movedTo ?? '')}: ${summaryLine(r.counts as Parameters<typeof summaryLine>[0])}\n`),
  });
  process.stdout.write(`Watching ${dir} (Ctrl-C to stop).\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await inbox.stop();
}

async function source(store: Store, [action, ...rest]: string[], values: Values): Promise<void> {
  const arg = rest.join(' ').trim();
  if (action === 'add') {
    if (!arg) usageError('wire source add needs a NAME.', sourceUsage);
    const { source: added, token } = await store.wirePush.create(arg, await rulesJsonOf(values.rules, arg));
    process.stdout.write(`Created push source "${added.name}" (id ${added.id})${added.rulesJson ? ' with its own rules' : ''}.\n`);
    process.stdout.write('Copy the token now: it is shown only this once. The agency sends it as `Authorization: Bearer <token>` to POST /wire/ingest.\n');
    process.stdout.write(`${token}\n`);
  } else if (action === 'list') {
    const all = await store.wirePush.list();
    if (all.length === 0) process.stdout.write('There are no push sources yet. Make one with `dateline wire source add NAME`.\n');
    else {
      const rows = all.map((s) => [String(s.id), s.name, s.rulesJson ? 'own' : 'WIRE_RULES', day(s.createdAt), day(s.lastUsedAt), s.revokedAt ? `revoked ${day(s.revokedAt)}` : 'live']);
      process.stdout.write(table([['ID', 'NAME', 'RULES', 'CREATED', 'LAST PUSH', 'STATUS'], ...rows]));
    }
  } else if (action === 'revoke') {
    if (!arg) usageError('wire source revoke needs the NAME or ID of a source.', sourceUsage);
    const result = await store.wirePush.revoke(arg);
    if (result.kind === 'none') throw new DatelineError('NOT_FOUND', `There is no push source named or numbered "${arg}".`, { hint: '`dateline wire source list` shows them.' });
    process.stdout.write(
      result.kind === 'revoked'
        ? `Revoked the token of "${result.source.name}" (id ${result.source.id}); its pushes now get 401.\n`
        : `"${result.source.name}" (id ${result.source.id}) was already revoked on ${day(result.source.revokedAt)}.\n`,
    );
  } else usageError(`there is no "wire source ${action}".`, sourceUsage);
}

async function poll(store: Store, [action, ...rest]: string[], values: Values): Promise<void> {
  if (action === 'add') {
    if (rest.length !== 1) usageError('wire poll add needs one URL.', pollUsage);
    const raw = rest[0] as string;
    let url: URL;
    try {
      url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new DatelineError('BAD_INPUT', `"${raw}" is not an http(s) URL.`, { hint: 'Give the full address of the feed, such as https://wire.example.com/latest.json.' });
    }
    if (!values.every) usageError('say how often with --every, such as --every 60s.', pollUsage);
    const intervalMs = parsePollInterval(values.every);
    if (intervalMs === null) {
      throw new DatelineError('BAD_INPUT', `--every "${values.every}" is not an interval from 5s to 24h.`, { hint: 'Use a number with s, m or h, such as 90s, 5m or 1h.' });
    }
    const name = values.name?.trim() || `${url.host}${url.pathname}`.replace(/\/$/, '');
    const added = await store.wirePoll.add({ name, url: url.toString(), intervalMs, rulesJson: await rulesJsonOf(values.rules, name) });
    process.stdout.write(`Polling "${added.name}" (id ${added.id}) every ${formatInterval(added.intervalMs)}: ${added.url}\n`);
    process.stdout.write('The server polls it (WIRE_POLLING, on by default); `dateline wire poll list` shows how it went.\n');
  } else if (action === 'list') {
    const all = await store.wirePoll.list();
    if (all.length === 0) process.stdout.write('Nothing is polled yet. Add a feed with `dateline wire poll add URL --every 60s`.\n');
    else {
      const rows = all.map((s) => [String(s.id), s.name, formatInterval(s.intervalMs), day(s.lastPolledAt), s.lastError ? `${s.lastStatus}: ${s.lastError}` : (s.lastStatus ?? '-'), s.url]);
      process.stdout.write(table([['ID', 'NAME', 'EVERY', 'LAST POLL', 'LAST RESULT', 'URL'], ...rows]));
    }
  } else if (action === 'remove') {
    const arg = rest.join(' ').trim();
    if (!arg) usageError('wire poll remove needs the NAME or ID of a poll source.', pollUsage);
    if (!(await store.wirePoll.remove(arg))) throw new DatelineError('NOT_FOUND', `There is no poll source named or numbered "${arg}".`, { hint: '`dateline wire poll list` shows them.' });
    process.stdout.write(`Stopped polling "${arg}".\n`);
  } else usageError(`there is no "wire poll ${action}".`, pollUsage);
}
