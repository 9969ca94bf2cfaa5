import { DatelineError } from '../domain/errors.js';
import type { Db } from './database.js';
import { toDate } from './rows.js';

export interface WirePollSource {
  id: number;
  name: string;
  url: string;
  intervalMs: number;
  rulesJson: string | null;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: Date;
  lastPolledAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  failures: number;
}

/** What one poll found, written back with the next time to poll. */
export interface PollOutcome {
  status: string;
  error: string | null;
  etag?: string | null;
  lastModified?: string | null;
  failures: number;
  nextPollAt: Date;
}

type Row = {
  id: number;
  name: string;
  url: string;
  interval_ms: number;
  rules_json: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: number;
  last_polled_at: number | null;
  last_status: string | null;
  last_error: string | null;
  failures: number;
};

function toSource(row: Row): WirePollSource {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    intervalMs: row.interval_ms,
    rulesJson: row.rules_json,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: new Date(row.next_poll_at),
    lastPolledAt: toDate(row.last_polled_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    failures: row.failures,
  };
}

const COLUMNS = [
  'id',
  'name',
  'url',
  'interval_ms',
  'rules_json',
  'etag',
  'last_modified',
  'next_poll_at',
  'last_polled_at',
  'last_status',
  'last_error',
  'failures',
] as const;

/** Feed URLs the server polls, and the lease that makes each poll run on one node. */
export class WirePollRepo {
  constructor(private readonly db: Db) {}

  async add(input: { name: string; url: string; intervalMs: number; rulesJson: string | null }, now = new Date()): Promise<WirePollSource> {
    const taken = await this.db.kysely.selectFrom('wire_poll_sources').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) {
      throw new DatelineError('CONFLICT', `A poll source named "${input.name}" already exists (id ${taken.id}).`, {
        hint: 'Pick another --name, or remove the old one with `dateline wire poll remove NAME`.',
      });
    }
    const row = await this.db.kysely
      .insertInto('wire_poll_sources')
      .values({
        name: input.name,
        url: input.url,
        interval_ms: input.intervalMs,
        rules_json: input.rulesJson,
        etag: null,
        last_modified: null,
        next_poll_at: now.getTime(),
        last_polled_at: null,
        last_status: null,
        last_error: null,
        claimed_until: null,
        created_at: now.getTime(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toSource(row);
  }

  async list(): Promise<WirePollSource[]> {
    return (await this.db.kysely.selectFrom('wire_poll_sources').select(COLUMNS).orderBy('id').execute()).map(toSource);
  }

  /** Removes by name or id; false when there was none. */
  async remove(nameOrId: string): Promise<boolean> {
    let q = this.db.kysely.deleteFrom('wire_poll_sources');
    q = /^\d{1,9}$/.test(nameOrId) ? q.where('id', '=', Number(nameOrId)) : q.where('name', '=', nameOrId);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async due(now: Date, limit = 20): Promise<WirePollSource[]> {
    const rows = await this.db.kysely
      .selectFrom('wire_poll_sources')
      .select(COLUMNS)
      .where('next_poll_at', '<=', now.getTime())
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.getTime())]))
      .orderBy('next_poll_at')
      .limit(limit)
      .execute();
    return rows.map(toSource);
  }

  /**
   * Takes the source for one poll. The conditional update is atomic on both
   * databases, so of several nodes that saw it due exactly one wins; the
   * lease runs out by itself if that node dies mid-poll.
   */
  async claim(id: number, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.db.kysely
      .updateTable('wire_poll_sources')
      .set({ claimed_until: now.getTime() + leaseMs })
      .where('id', '=', id)
      .where('next_poll_at', '<=', now.getTime())
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.getTime())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records a poll and frees the lease. Validators are kept unless the outcome gives new ones. */
  async polled(id: number, outcome: PollOutcome, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('wire_poll_sources')
      .set({
        last_polled_at: now.getTime(),
        last_status: outcome.status,
        last_error: outcome.error,
        failures: outcome.failures,
        next_poll_at: outcome.nextPollAt.getTime(),
        claimed_until: null,
        ...(outcome.etag !== undefined && { etag: outcome.etag }),
        ...(outcome.lastModified !== undefined && { last_modified: outcome.lastModified }),
      })
      .where('id', '=', id)
      .execute();
  }
}
