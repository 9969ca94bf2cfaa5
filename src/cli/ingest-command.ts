import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import type { Store } from '../store/index.js';
import { pictureFetcher } from '../wire/fetch-picture.js';
import { type IngestReport, ingestFiles, summaryLine } from '../wire/ingest/index.js';
import { rulesFor } from '../wire/sources/index.js';
import { expandWirePaths, readWireFiles } from '../wire/wire-paths.js';
import { loadWireRules } from '../wire/wire-source-rules.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { progress } from './progress.js';

export const ingestUsage = `Usage: dateline ingest PATH... [--publish] [--section SLUG] [--rules FILE] [--source NAME]

Ingests agency files (IPTC ninjs 1.x-3.x as .json, NewsML-G2 as .xml, and
.zip archives of them): new stories, updates, corrections, kills and
embargoes. PATH is a file, a folder (searched recursively) or a pattern
such as 'in/**/*.json' (quote it). Running it twice changes nothing.
Files that cannot be read go to the quarantine with the reason
(\`dateline wire quarantine\`); the command still exits 0.

Options:
  --publish        publish what is ingested, whatever the hold rules say
  --section SLUG   place every story in this section
  --rules FILE     a wire rules file in place of the WIRE_RULES variable's
                   (JSON; see docs/wire.md). Rules come as for the server:
                   those the newsroom set for the source's name, else the
                   file's entry for it, else the newsroom's default, else the
                   file's default, else hold for the desk
  --source NAME    which source's rules to use (default: the default, "*")
  -h, --help       show this help
`;

export async function ingestCommand(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    usageError((error as Error).message, ingestUsage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(ingestUsage);
    return;
  }
  if (positionals.length === 0) usageError('give at least one file, folder or pattern to ingest.', ingestUsage);
  try {
    const config = loadConfig();
    // A broken file fails before anything is read or opened.
    const fileRules = await loadWireRules(values.rules ?? config.wireRulesFile);
    const files = await expandWirePaths(positionals, process.cwd());
    const store = await openStore(config);
    try {
      await checkSection(store, values.section);
      // The newsroom's rules (Wire sources screen) hold here as they do for the server's sources.
      const rules = await rulesFor(store, fileRules, values.source ?? '*');
      const bar = progress('Ingesting', files.length);
      const log: string[] = [];
      const report = await ingestFiles(
        store,
        readWireFiles(files, config.zipLimits),
        {
          rules,
          publish: values.publish ?? false,
          sectionSlug: values.section,
          pictures: {
            log: (line) => log.push(line),
            fetch: pictureFetcher(config.outboundAllow),
          },
          log: (line) => log.push(line),
        },
        (done) => bar.update(done),
      );
      bar.stop();
      process.stdout.write(formatReport(report, files.length));
      for (const line of log) process.stderr.write(`  ${line}\n`);
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      publish: { type: 'boolean' },
      section: { type: 'string' },
      rules: { type: 'string' },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function checkSection(store: Store, slug: string | undefined): Promise<void> {
  if (slug === undefined || (await store.sections.bySlug(slug))) return;
  const known = (await store.sections.all()).map((s) => s.slug).join(', ');
  throw new DatelineError('BAD_INPUT', `There is no section "${slug}".`, { hint: `Use one of: ${known || '(none yet: create a section first)'}.` });
}

const LISTED = 20;

/** The summary line, then what went to the quarantine and what was skipped, with reasons. */
export function formatReport(report: IngestReport, files: number): string {
  const lines = [`Ingested ${files} file(s), ${report.items.length} item(s): ${summaryLine(report.counts)}.`];
  const quarantined = report.items.filter((r) => r.outcome === 'quarantined');
  if (quarantined.length > 0) {
    lines.push(`Quarantined (see \`dateline wire quarantine\`, run again with \`dateline wire retry ID\`):`);
    for (const r of quarantined.slice(0, LISTED)) {
      lines.push(`  #${r.quarantineId} ${r.file}${r.pointer ? ` at ${r.pointer}` : ''}: ${r.reason}`);
    }
    if (quarantined.length > LISTED) lines.push(`  … and ${quarantined.length - LISTED} more`);
  }
  const skipped = report.items.filter((r) => r.outcome === 'skipped');
  if (skipped.length > 0) {
    lines.push('Skipped (not errors):');
    for (const r of skipped.slice(0, LISTED)) lines.push(`  ${r.file}${r.uri ? ` ${r.uri}` : ''}: ${r.reason}`);
    if (skipped.length > LISTED) lines.push(`  … and ${skipped.length - LISTED} more`);
  }
  return `${lines.join('\n')}\n`;
}
