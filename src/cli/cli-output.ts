import { DatelineError } from '../domain/errors.js';

/** Prints what failed and what to do, then exits non-zero. Used by every command. */
export function exitWithError(error: unknown): never {
  if (error instanceof DatelineError) {
    process.stderr.write(`dateline: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  What to do: ${error.hint}\n`);
    process.exit(error.code === 'BAD_INPUT' ? 2 : 1);
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`dateline: unexpected error\n${message}\n`);
  process.exit(1);
}

export function usageError(message: string, usage: string): never {
  process.stderr.write(`dateline: ${message}\n\n${usage}`);
  process.exit(2);
}
