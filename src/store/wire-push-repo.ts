import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeyNameProblem } from '../domain/api-key.js';
import { DatelineError } from '../domain/errors.js';
import type { Db } from './database.js';
import { toDate } from './rows.js';

/** Push tokens start with this, so a leaked one is recognisable (content API keys start `dl_`). */
export const PUSH_TOKEN_PREFIX = 'dlw_';
const TOKEN = /^dlw_[A-Za-z0-9_-]{43}$/;

export interface WirePushSource {
  id: number;
  name: string;
  /** The rules stored with the token (JSON), or null for the server's WIRE_RULES. */
  rulesJson: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type PushRevokeResult = { kind: 'revoked' | 'already-revoked'; source: WirePushSource } | { kind: 'none' };

/** SHA-256 for the same reason as content API keys (see ApiKeyRepo): 256 random bits need no slow hash. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const COLUMNS = ['id', 'name', 'rules_json', 'created_at', 'last_used_at', 'revoked_at'] as const;

function toSource(row: {
  id: number;
  name: string;
  rules_json: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}): WirePushSource {
  return {
    id: row.id,
    name: row.name,
    rulesJson: row.rules_json,
    createdAt: new Date(row.created_at),
    lastUsedAt: toDate(row.last_used_at),
    revokedAt: toDate(row.revoked_at),
  };
}

/** Agencies allowed to POST /wire/ingest, one bearer token each. Stores hashes only. */
export class WirePushRepo {
  constructor(private readonly db: Db) {}

  /** Makes a source and its token; this is the only time the token is seen. */
  async create(name: string, rulesJson: string | null, now = new Date()): Promise<{ source: WirePushSource; token: string }> {
    const problem = apiKeyNameProblem(name);
    if (problem) throw new DatelineError('BAD_INPUT', problem, { hint: 'Name the agency that pushes, such as "pws".' });
    const live = await this.db.kysely.selectFrom('wire_push_sources').select('id').where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
    if (live) {
      throw new DatelineError('CONFLICT', `A push source named "${name}" already has a live token (id ${live.id}).`, {
        hint: 'Pick another name, or revoke the old token first with `dateline wire source revoke NAME`.',
      });
    }
    const token = PUSH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.db.kysely
      .insertInto('wire_push_sources')
      .values({ name, token_hash: hashToken(token), rules_json: rulesJson, created_at: now.getTime(), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { source: { id: row.id, name, rulesJson, createdAt: now, lastUsedAt: null, revokedAt: null }, token };
  }

  async list(): Promise<WirePushSource[]> {
    const rows = await this.db.kysely.selectFrom('wire_push_sources').select(COLUMNS).orderBy('id').execute();
    return rows.map(toSource);
  }

  /** Revokes the live token of this name, or the source with this id. */
  async revoke(nameOrId: string, now = new Date()): Promise<PushRevokeResult> {
    let q = this.db.kysely.selectFrom('wire_push_sources').select(COLUMNS);
    q = /^\d{1,9}$/.test(nameOrId) ? q.where('id', '=', Number(nameOrId)) : q.where('name', '=', nameOrId);
    const rows = await q.execute();
    const row = rows.find((r) => r.revoked_at === null) ?? rows[0];
    if (!row) return { kind: 'none' };
    if (row.revoked_at !== null) return { kind: 'already-revoked', source: toSource(row) };
    await this.db.kysely.updateTable('wire_push_sources').set({ revoked_at: now.getTime() }).where('id', '=', row.id).execute();
    return { kind: 'revoked', source: { ...toSource(row), revokedAt: now } };
  }

  /** The live source a token belongs to, or null. Found by the hash's index, compared in constant time. */
  async verify(token: string, now = new Date()): Promise<WirePushSource | null> {
    if (!TOKEN.test(token)) return null;
    const hash = hashToken(token);
    const row = await this.db.kysely
      .selectFrom('wire_push_sources')
      .select([...COLUMNS, 'token_hash'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    if (!timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    // Pushes are few (an agency sends items, not page views): one small write each is fine.
    await this.db.kysely.updateTable('wire_push_sources').set({ last_used_at: now.getTime() }).where('id', '=', row.id).execute();
    return toSource(row);
  }
}
