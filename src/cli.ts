/**
 * Every command with its one-line summary. A command's module is imported
 * only when it runs: `serve` then never loads what other commands need
 * (sharp for the demo's pictures, the wire parsers), which keeps the server
 * process small. Each module answers its own `--help`; a CLI test checks it.
 */
export const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<void> }> = {
  serve: {
    summary: 'serve the reader site (the default)',
    run: async (argv) => (await import('./cli/serve-command.js')).serveCommand(argv),
  },
  apikey: {
    summary: 'create, list and revoke content API keys',
    run: async (argv) => (await import('./cli/apikey-command.js')).apikeyCommand(argv),
  },
  migrate: {
    summary: 'create or update the database schema',
    run: async (argv) => (await import('./cli/migrate-command.js')).migrateCommand(argv),
  },
  'seed-demo': {
    summary: 'seed the demo newsroom; --articles N adds synthetic stories',
    run: async (argv) => (await import('./cli/seed-demo-command.js')).seedDemoCommand(argv),
  },
  webhook: {
    summary: 'add, list, remove webhooks and read their delivery log',
    run: async (argv) => (await import('./cli/webhook-command.js')).webhookCommand(argv),
  },
  jobs: {
    summary: 'list background jobs, retry failed ones, cancel one',
    run: async (argv) => (await import('./cli/jobs-command.js')).jobsCommand(argv),
  },
  ingest: {
    summary: 'ingest wire files (ninjs, NewsML-G2, zip): PATH... [--publish]',
    run: async (argv) => (await import('./cli/ingest-command.js')).ingestCommand(argv),
  },
  wire: {
    summary: 'the wire desk: quarantine, retry, queue, history, sources',
    run: async (argv) => (await import('./cli/wire-command.js')).wireCommand(argv),
  },
  cluster: {
    summary: 'run N nodes behind Varnish on PostgreSQL: --nodes N --port P',
    run: async (argv) => (await import('./cli/cluster-command.js')).clusterCommand(argv),
  },
  media: {
    summary: 'copy the picture library to another media store: migrate --to files|database|s3',
    run: async (argv) => (await import('./cli/media-command.js')).mediaCommand(argv),
  },
  import: {
    summary: 'import an archive: wordpress FILE.xml [--uploads DIR] [--as-drafts]',
    run: async (argv) => (await import('./cli/import-command.js')).importCommand(argv),
  },
  newsletter: {
    summary: 'newsletter lists; send SLUG sends the digest now; CSV export and import',
    run: async (argv) => (await import('./cli/newsletter-command.js')).newsletterCommand(argv),
  },
  stats: {
    summary: 'views and visitors per story: [--days N] [--json]',
    run: async (argv) => (await import('./cli/stats-command.js')).statsCommand(argv),
  },
  user: {
    summary: 'add and list newsroom users, reset a password',
    run: async (argv) => (await import('./cli/user-command.js')).userCommand(argv),
  },
};

const mainUsage = `Usage: dateline <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run \`dateline <command> --help\` for a command's options.
`;

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(mainUsage);
} else {
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`dateline: there is no command "${name}".\n\n${mainUsage}`);
    process.exit(2);
  }
  await command.run(rest);
}
