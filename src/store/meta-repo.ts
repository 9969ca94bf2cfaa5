import type { Db } from './database.js';
import type { Executor } from './executor.js';

/** Small facts about the installation itself, such as whether the demo was seeded. */
export class MetaRepo {
  constructor(private readonly db: Db) {}

  /** @param executor a transaction the caller holds, so a cursor is read and moved with the work it covers */
  async get(key: string, executor: Executor = this.db.kysely): Promise<string | undefined> {
    const row = await executor.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Sets the key only if it is unset; true when this call set it. Two nodes seeding at once cannot both win. */
  async claim(key: string, value: string): Promise<boolean> {
    const result = await this.db.kysely
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async delete(key: string, executor: Executor = this.db.kysely): Promise<void> {
    await executor.deleteFrom('meta').where('key', '=', key).execute();
  }

  async set(key: string, value: string, executor: Executor = this.db.kysely): Promise<void> {
    await executor
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
