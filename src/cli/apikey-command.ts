import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import type { ApiKeyInfo } from '../domain/api-key.js';
import type { Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

export const apikeyUsage = `Usage: dateline apikey <create NAME | list | revoke NAME|ID>

Manages keys for the content API at /api/v1 (see docs/api.md).

  create NAME      make a key named NAME (who uses it, e.g. "mobile-app");
                   prints the key on the last line. It is shown only this
                   once: only a hash of it is stored.
  list             every key: id, name, created, last used, revoked.
                   Never shows the keys themselves.
  revoke NAME|ID   stop a key from working, at once.

Clients send the key as the header \`Authorization: Bearer <key>\`.

Options:
  -h, --help   show this help
`;

/** Where command output goes: results to `out`, complaints to `err`; a test passes its own. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const day = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never');

function table(keys: ApiKeyInfo[]): string {
  const rows = [
    ['ID', 'NAME', 'CREATED', 'LAST USED', 'STATUS'],
    ...keys.map((k) => [String(k.id), k.name, day(k.createdAt), day(k.lastUsedAt), k.revokedAt ? `revoked ${day(k.revokedAt)}` : 'live']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/**
 * Runs one `apikey` subcommand on an open store. Returns the exit status;
 * problems a user can fix are thrown as DatelineErrors.
 */
export async function runApikey(args: string[], store: Store, io: Output, now = new Date()): Promise<number> {
  const [action, ...rest] = args;
  const arg = rest.join(' ').trim();
  switch (action) {
    case 'create': {
      if (!arg) {
        io.err(`dateline apikey create needs a NAME.\n\n${apikeyUsage}`);
        return 2;
      }
      const { info, key } = await store.apiKeys.create(arg, now);
      io.out(`Created API key "${info.name}" (id ${info.id}).\n`);
      io.out('Copy it now: it is shown only this once. Clients send it as `Authorization: Bearer <key>`.\n');
      io.out(`${key}\n`);
      return 0;
    }
    case 'list': {
      const keys = await store.apiKeys.list();
      io.out(keys.length === 0 ? 'There are no API keys yet. Make one with `dateline apikey create NAME`.\n' : `${table(keys)}\n`);
      return 0;
    }
    case 'revoke': {
      if (!arg) {
        io.err(`dateline apikey revoke needs the NAME or ID of a key.\n\n${apikeyUsage}`);
        return 2;
      }
      const result = await store.apiKeys.revoke(arg, now);
      if (result.kind === 'none') {
        io.err(`There is no API key named or numbered "${arg}". \`dateline apikey list\` shows them.\n`);
        return 1;
      }
      io.out(
        result.kind === 'revoked'
          ? `Revoked API key "${result.key.name}" (id ${result.key.id}); requests with it now get 401.\n`
          : `API key "${result.key.name}" (id ${result.key.id}) was already revoked on ${day(result.key.revokedAt)}.\n`,
      );
      return 0;
    }
    default:
      io.err(`${action === undefined ? 'dateline apikey needs a subcommand.' : `There is no apikey subcommand "${action}".`}\n\n${apikeyUsage}`);
      return 2;
  }
}

export async function apikeyCommand(argv: string[]): Promise<void> {
  let positionals: string[] = [];
  let help = false;
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    positionals = parsed.positionals;
    help = Boolean(parsed.values.help);
  } catch (error) {
    usageError((error as Error).message, apikeyUsage);
  }
  if (help) {
    process.stdout.write(apikeyUsage);
    return;
  }
  try {
    const store = await openStore(loadConfig());
    const status = await runApikey(positionals, store, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    await store.db.close();
    if (status !== 0) process.exit(status);
  } catch (error) {
    exitWithError(error);
  }
}

