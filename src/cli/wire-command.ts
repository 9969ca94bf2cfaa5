import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import type { Store } from '../store/index.js';
import { pictureFetcher } from '../wire/fetch-picture.js';
import { retryQuarantined, summaryLine } from '../wire/ingest/index.js';
import { retryDuePictures } from '../wire/picture-desk.js';
import { rulesFor } from '../wire/sources/index.js';
import { loadWireRules } from '../wire/wire-source-rules.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { WIRE_SOURCE_COMMANDS, wireSourcesUsageLines } from './wire-sources-command.js';

const quarantineUsage = `Usage: dateline wire quarantine [--limit N] [--all]

Lists input that could not be read, newest first: id, time received, source
and file name or URL, and the exact reason (with the JSON pointer or element
path). The raw bytes are kept; run one again with \`dateline wire retry ID\`.

Options:
  --limit N   how many entries (1 to 1000, default 50)
  --all       include entries a retry has resolved
  -h, --help  show this help
`;

const retryUsage = `Usage: dateline wire retry ID [--rules FILE] [--source NAME] [--publish] [--section SLUG]

Runs one quarantined file through ingest again, after a rule or code change.
When every item goes through, the entry is marked resolved; otherwise it
stays in the quarantine with the new reason.

Options:
  --rules FILE     a wire rules file in place of the WIRE_RULES variable's;
                   the newsroom's rules apply as for \`dateline ingest\`
  --source NAME    which source's rules to use (default: the default, "*")
  --publish        publish whatever the hold rules say
  --section SLUG   place the stories in this section
  -h, --help       show this help
`;

const queueUsage = `Usage: dateline wire queue [--limit N]

Lists the stories held in the wire queue for an editor (sources whose rules
say "publish": "hold"), newest first.

Options:
  --limit N   how many (1 to 1000, default 50)
  -h, --help  show this help
`;

const historyUsage = `Usage: dateline wire history URI

Shows every version of one wire item as it arrived: version, the agency's
version time, when it was received, its status, and what ingest did with it.

Options:
  -h, --help  show this help
`;

const retryPicturesUsage = `Usage: dateline wire retry-pictures

Tries again the pictures that could not be fetched and are due (the server
also does this every minute). Stories were published without them.

Options:
  -h, --help  show this help
`;

export const wireUsage = `Usage: dateline wire <quarantine|retry|queue|history|retry-pictures|watch|source|poll> [options]

The wire desk: what could not be read, what waits for an editor, and every
version an agency sent. Ingest files with \`dateline ingest\`.

Subcommands:
  quarantine [--limit N] [--all]   list quarantined input with the reason
  retry ID                         run a quarantined file again
  queue [--limit N]                stories held for an editor
  history URI                      every version of one item
  retry-pictures                   fetch pictures that failed before
${wireSourcesUsageLines}

Run \`dateline wire <subcommand> --help\` for its options.
`;

interface Parsed {
  positionals: string[];
  values: { limit?: string; all?: boolean; rules?: string; source?: string; publish?: boolean; section?: string };
  usage: string;
  config: Readonly<Config>;
}

const SUBCOMMANDS: Record<string, { usage: string; run: (store: Store, args: Parsed) => Promise<void> }> = {
  quarantine: { usage: quarantineUsage, run: quarantine },
  retry: { usage: retryUsage, run: retry },
  queue: { usage: queueUsage, run: queue },
  history: { usage: historyUsage, run: history },
  'retry-pictures': { usage: retryPicturesUsage, run: retryPictures },
};

export async function wireCommand(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(wireUsage);
    return;
  }
  const sources = WIRE_SOURCE_COMMANDS[name];
  if (sources) return sources(rest);
  const sub = SUBCOMMANDS[name];
  if (!sub) usageError(`there is no wire subcommand "${name}".`, wireUsage);
  let values: Parsed['values'] & { help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        limit: { type: 'string' },
        all: { type: 'boolean' },
        rules: { type: 'string' },
        source: { type: 'string' },
        publish: { type: 'boolean' },
        section: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usageError((error as Error).message, sub.usage);
  }
  if (values.help) {
    process.stdout.write(sub.usage);
    return;
  }
  try {
    const config = loadConfig();
    const store = await openStore(config);
    try {
      await sub.run(store, { positionals, values, usage: sub.usage, config });
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

function limitOf({ values, usage }: Parsed): number {
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) usageError(`--limit must be a whole number from 1 to 1000; got "${values.limit}".`, usage);
  return limit;
}

async function quarantine(store: Store, args: Parsed): Promise<void> {
  if (args.positionals.length > 0) usageError('quarantine takes no arguments.', args.usage);
  const rows = await store.wire.quarantineList(limitOf(args), args.values.all ?? false);
  if (rows.length === 0) {
    process.stdout.write('The quarantine is empty.\n');
    return;
  }
  for (const r of rows) {
    const state = r.resolved ? '  (resolved by a retry)' : r.retried_at ? '  (retried, still failing)' : '';
    process.stdout.write(`#${r.id}  ${time(r.received_at)}  ${r.source}  ${r.file_name}${state}\n`);
    process.stdout.write(`    ${r.pointer ? `at ${r.pointer}: ` : ''}${r.reason}${r.uri ? `  [${r.uri}]` : ''}\n`);
  }
}

async function retry(store: Store, args: Parsed): Promise<void> {
  if (args.positionals.length !== 1) usageError('give the id of one quarantine entry.', args.usage);
  const raw = args.positionals[0] as string;
  const id = Number(raw.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) {
    throw new DatelineError('BAD_INPUT', `"${raw}" is not a quarantine id.`, { hint: 'Use the number from: dateline wire quarantine' });
  }
  // The newsroom's rules hold here as they do for the server's sources (see ingest-command.ts).
  const rules = await rulesFor(store, await loadWireRules(args.values.rules ?? args.config.wireRulesFile), args.values.source ?? '*');
  const report = await retryQuarantined(store, id, {
    rules,
    publish: args.values.publish ?? false,
    sectionSlug: args.values.section,
    pictures: { log: (line) => process.stderr.write(`  ${line}\n`), fetch: pictureFetcher(args.config.outboundAllow) },
  });
  process.stdout.write(`Retried #${id}: ${summaryLine(report.counts)}.\n`);
  if (report.resolved) process.stdout.write('Resolved: it is out of the quarantine.\n');
  else {
    const still = report.items.find((r) => r.outcome === 'quarantined');
    process.stdout.write(`Still failing${still?.pointer ? ` at ${still.pointer}` : ''}: ${still?.reason ?? 'see the quarantine'}\n`);
  }
}

async function queue(store: Store, args: Parsed): Promise<void> {
  if (args.positionals.length > 0) usageError('queue takes no arguments.', args.usage);
  const rows = await store.wire.byState('held', limitOf(args));
  if (rows.length === 0) {
    process.stdout.write('No stories wait in the wire queue.\n');
    return;
  }
  for (const r of rows) {
    process.stdout.write(`story ${r.article_id}  ${time(r.updated_at)}  v${r.version}  ${r.headline ?? ''}\n    ${r.path ?? ''}  [${r.uri}]\n`);
  }
}

async function history(store: Store, args: Parsed): Promise<void> {
  if (args.positionals.length !== 1) usageError('give the URI of one wire item.', args.usage);
  const uri = args.positionals[0] as string;
  const found = await store.wire.history(uri);
  if (!found) {
    throw new DatelineError('NOT_FOUND', `No wire item has the URI ${uri}.`, { hint: 'Give the ninjs uri or NewsML-G2 guid exactly as the agency sent it.' });
  }
  const { item, versions } = found;
  process.stdout.write(`${item.uri}: ${item.type}, now version ${item.version} (${item.state})${item.article_id !== null ? `, story ${item.article_id}` : ''}\n`);
  for (const v of versions) {
    const created = v.version_created === null ? 'no version time' : `created ${time(v.version_created)}`;
    process.stdout.write(`  v${v.version}  ${created}  received ${time(v.received_at)}  ${v.pub_status}  ${v.outcome}  from ${v.source}\n`);
  }
}

async function retryPictures(store: Store, args: Parsed): Promise<void> {
  if (args.positionals.length > 0) usageError('retry-pictures takes no arguments.', args.usage);
  const result = await retryDuePictures(store, {
    log: (line) => process.stderr.write(`  ${line}\n`),
    fetch: pictureFetcher(args.config.outboundAllow),
  });
  process.stdout.write(`Pictures: ${result.fetched} fetched, ${result.failed} failed and queued again, ${result.gaveUp} given up.\n`);
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
