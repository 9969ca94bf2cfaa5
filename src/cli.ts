import { apikeyCommand, apikeyUsage } from './cli/apikey-command.js';
import { ingestCommand, ingestUsage } from './cli/ingest-command.js';
import { migrateCommand, migrateUsage } from './cli/migrate-command.js';
import { seedDemoCommand, seedDemoUsage } from './cli/seed-demo-command.js';
import { serveCommand, serveUsage } from './cli/serve-command.js';
import { userCommand, userUsage } from './cli/user-command.js';
import { webhookCommand, webhookUsage } from './cli/webhook-command.js';
import { wireCommand, wireUsage } from './cli/wire-command.js';

/** Every command with its one-line summary and full help; a test checks each has --help. */
export const COMMANDS: Record<string, { summary: string; usage: string; run: (argv: string[]) => Promise<void> }> = {
  serve: { summary: 'serve the reader site (the default)', usage: serveUsage, run: serveCommand },
  apikey: { summary: 'create, list and revoke content API keys', usage: apikeyUsage, run: apikeyCommand },
  migrate: { summary: 'create or update the database schema', usage: migrateUsage, run: migrateCommand },
  'seed-demo': { summary: 'seed the demo newsroom; --articles N adds synthetic stories', usage: seedDemoUsage, run: seedDemoCommand },
  webhook: { summary: 'add, list, remove webhooks and read their delivery log', usage: webhookUsage, run: webhookCommand },
  ingest: { summary: 'ingest wire files (ninjs, NewsML-G2, zip): PATH... [--publish]', usage: ingestUsage, run: ingestCommand },
  wire: { summary: 'the wire desk: quarantine, retry, queue, history', usage: wireUsage, run: wireCommand },
  user: { summary: 'add and list newsroom users, reset a password', usage: userUsage, run: userCommand },
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
