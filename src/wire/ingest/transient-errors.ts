/**
 * Database errors that say nothing about the item: the database was busy or
 * the connection dropped. Ingest tries again (the item is whole or absent in
 * its transaction) and, when the database stays away, fails the arrival so
 * its source tries later. Only errors about the item itself go to the
 * quarantine.
 */
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_PROTOCOL']);
/** PostgreSQL: serialization failure, deadlock, lock timeout, too many connections, shutdown, and the connection exceptions (08…). */
const PG_CODES = new Set(['40001', '40P01', '55P03', '53300', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
const MESSAGES = /connection terminated|connection (?:is )?closed|server closed the connection|timeout exceeded when trying to connect|database is locked|cannot acquire/i;

export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE_CODES.has(code) || PG_CODES.has(code) || NODE_CODES.has(code))) return true;
    if (e instanceof Error && MESSAGES.test(e.message)) return true;
  }
  return false;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits between tries: 50 ms, 200 ms, 800 ms, 2 s. */
const WAITS_MS = [50, 200, 800, 2000];

/**
 * Runs `work` again after a transient database error, a few times with
 * growing waits, each retry logged; the last error is thrown as it is.
 */
export async function retryingTransient<T>(work: () => Promise<T>, log?: (line: string) => void, waits: readonly number[] = WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const wait = waits[attempt];
      if (!isTransient(error) || wait === undefined) throw error;
      log?.(`wire ingest: the database answered "${messageOf(error)}"; trying again in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
