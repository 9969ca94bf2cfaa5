import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { Accounts, type User } from '../newsroom/accounts/index.js';
import { ROLES } from '../newsroom/admin-api-contract.js';
import type { Store } from '../store/index.js';
import type { Output } from './apikey-command.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

export const userUsage = `Usage: dateline user <add | list | reset-password> [options]

Manages the people who sign in to the newsroom at /admin.

  add --email E --name N --role R [--password-stdin]
                   make a user. Roles: ${ROLES.join(', ')}.
                   Without --password-stdin, prints a one-time password on
                   the last line; the user chooses their own after signing
                   in. With it, reads the password (10+ characters) from
                   standard input, e.g. \`printf %s "$PW" | dateline user add ...\`.
  list             every user: id, email, name, role, status, last sign-in.
  reset-password --email E
                   print a new one-time password for the user, sign them
                   out everywhere and lift a sign-in lock.

The first admin is made this way:
  npx dateline user add --email you@example.com --name 'Your Name' --role admin

Options:
  -h, --help   show this help
`;

export interface UserArgs {
  action: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  /** The password read from stdin, when --password-stdin was given. */
  password?: string | undefined;
}

const when = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never');

function table(users: User[]): string {
  const rows = [
    ['ID', 'EMAIL', 'NAME', 'ROLE', 'STATUS', 'LAST SIGN-IN'],
    ...users.map((u) => [String(u.id), u.email, u.name, u.role, u.disabled ? 'disabled' : 'active', when(u.lastSignInAt)]),
  ];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

function need(value: string | undefined, flag: string, action: string): string {
  if (!value?.trim()) throw new DatelineError('BAD_INPUT', `dateline user ${action} needs ${flag}.`, { hint: `Run \`dateline user --help\` for an example.` });
  return value;
}

/** Runs one `user` subcommand on an open store and returns the exit status. */
export async function runUser(args: UserArgs, store: Store, io: Output, now = new Date()): Promise<number> {
  const accounts = new Accounts(store.db);
  switch (args.action) {
    case 'add': {
      const { user, temporaryPassword } = await accounts.addUser(
        { email: need(args.email, '--email', 'add'), name: need(args.name, '--name', 'add'), role: need(args.role, '--role', 'add'), password: args.password },
        now,
      );
      io.out(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}). They sign in at /admin.\n`);
      if (temporaryPassword) {
        io.out('One-time password (shown only now; they choose their own after signing in):\n');
        io.out(`${temporaryPassword}\n`);
      }
      return 0;
    }
    case 'list': {
      const users = await accounts.users.list();
      io.out(users.length === 0 ? 'There are no users yet. Make the first admin with `dateline user add --email E --name N --role admin`.\n' : `${table(users)}\n`);
      return 0;
    }
    case 'reset-password': {
      const email = need(args.email, '--email', 'reset-password');
      const user = await accounts.users.findByEmail(email);
      if (!user) {
        io.err(`There is no user with the address ${email}. \`dateline user list\` shows them.\n`);
        return 1;
      }
      const temporaryPassword = await accounts.resetPassword(user.id);
      io.out(`Reset the password of ${user.name} <${user.email}>; their sessions have ended.\n`);
      io.out('One-time password (shown only now):\n');
      io.out(`${temporaryPassword}\n`);
      return 0;
    }
    default:
      io.err(`${args.action === undefined ? 'dateline user needs a subcommand.' : `There is no user subcommand "${args.action}".`}\n\n${userUsage}`);
      return 2;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline is what `echo` adds, not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userCommand(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    usageError((error as Error).message, userUsage);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(userUsage);
    return;
  }
  try {
    const password = values['password-stdin'] ? await readStdin() : undefined;
    const store = await openStore(loadConfig());
    try {
      const status = await runUser(
        { action: positionals[0], email: values.email, name: values.name, role: values.role, password },
        store,
        { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
      );
      if (status !== 0) process.exitCode = status;
    } finally {
      await store.db.close();
    }
  } catch (error) {
    exitWithError(error);
  }
}
