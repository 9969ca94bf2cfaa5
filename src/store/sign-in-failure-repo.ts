import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Sign-in attempts counted in the database, so limits hold across every app
 * node; the rules (which keys, how many, how long) are the newsroom's
 * SignInThrottle. Each row is one attempt under one key.
 */
export class SignInFailureRepo {
  constructor(private readonly db: Db) {}

  /** Counts one attempt under each key; returns the new rows' ids in the keys' order. */
  async add(keys: readonly string[], at: number): Promise<number[]> {
    const ids: number[] = [];
    for (const key of keys) {
      const row = await this.db.kysely.insertInto('sign_in_failures').values({ key, at }).returning('id').executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
    return ids;
  }

  /** The attempts under `key` after `since`, oldest first. */
  async recent(key: string, since: number): Promise<Array<{ id: number; at: number }>> {
    const rows = await this.db.kysely.selectFrom('sign_in_failures').select(['id', 'at']).where('key', '=', key).where('at', '>', since).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), at: Number(r.at) }));
  }

  async forget(ids: readonly number[]): Promise<void> {
    if (ids.length > 0) await this.db.kysely.deleteFrom('sign_in_failures').where('id', 'in', [...ids]).execute();
  }

  /** Forgets every attempt under these keys, and under any key starting with `prefix` when given. */
  async forgetKeys(keys: readonly string[], prefix?: string): Promise<void> {
    await this.db.kysely
      .deleteFrom('sign_in_failures')
      .where((eb) => {
        const exact = eb('key', 'in', [...keys]);
        return prefix === undefined ? exact : eb.or([exact, eb(sql<string>`substr(key, 1, ${prefix.length})`, '=', prefix)]);
      })
      .execute();
  }

  /** Drops attempts older than `before` (out of every window). */
  async prune(before: number): Promise<void> {
    await this.db.kysely.deleteFrom('sign_in_failures').where('at', '<', before).execute();
  }
}
