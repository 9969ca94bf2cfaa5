import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX, type ApiKeyInfo, apiKeyNameProblem, looksLikeApiKey } from '../domain/api-key.js';
import { DatelineError } from '../domain/errors.js';
import type { Db } from './database.js';
import { toDate } from './rows.js';

export type RevokeResult =
  | { kind: 'revoked'; key: ApiKeyInfo }
  | { kind: 'already-revoked'; key: ApiKeyInfo }
  | { kind: 'none' };

/** last_used_at is written at most this often per key, so a busy client costs no write per request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Why SHA-256 and not argon2: a key is 32 random bytes (256 bits), so there
 * is no dictionary to try and brute force is hopeless however fast the hash
 * is. A slow password hash only helps low-entropy secrets chosen by people;
 * here it would cost tens of milliseconds on every request for nothing. A
 * fast, unsalted hash also lets us find the key by an index on its hash.
 */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Content API keys: issued, checked on every request, revoked. Stores hashes only. */
export class ApiKeyRepo {
  /** When this process last wrote last_used_at for each key id. */
  private readonly lastUseWritten = new Map<number, number>();

  constructor(private readonly db: Db) {}

  /** Makes a key and returns it; this is the only time the key exists outside the client. */
  async create(name: string, now = new Date()): Promise<{ info: ApiKeyInfo; key: string }> {
    const problem = apiKeyNameProblem(name);
    if (problem) throw new DatelineError('BAD_INPUT', problem, { hint: 'Pick a name that says who uses the key, such as "mobile-app".' });
    const live = await this.db.kysely
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', name)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (live) {
      throw new DatelineError('CONFLICT', `A live key is already named "${name}" (id ${live.id}).`, {
        hint: 'Pick another name, or revoke the old key first with `dateline apikey revoke`.',
      });
    }
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.db.kysely
      .insertInto('api_keys')
      .values({ name, key_hash: hashKey(key), created_at: now.getTime(), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { info: { id: row.id, name, createdAt: now, lastUsedAt: null, revokedAt: null }, key };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.db.kysely
      .selectFrom('api_keys')
      .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: new Date(row.created_at),
      lastUsedAt: toDate(row.last_used_at),
      revokedAt: toDate(row.revoked_at),
    }));
  }

  /** Revokes the live key with this name, or the key with this id when `nameOrId` is a number. */
  async revoke(nameOrId: string, now = new Date()): Promise<RevokeResult> {
    const byId = /^\d{1,9}$/.test(nameOrId);
    let q = this.db.kysely.selectFrom('api_keys').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at']);
    q = byId ? q.where('id', '=', Number(nameOrId)) : q.where('name', '=', nameOrId).orderBy('revoked_at', 'desc');
    const rows = await q.execute();
    // By name, a live key wins over older revoked ones of the same name.
    const row = rows.find((r) => r.revoked_at === null) ?? rows[0];
    if (!row) return { kind: 'none' };
    const info: ApiKeyInfo = {
      id: row.id,
      name: row.name,
      createdAt: new Date(row.created_at),
      lastUsedAt: toDate(row.last_used_at),
      revokedAt: toDate(row.revoked_at),
    };
    if (row.revoked_at !== null) return { kind: 'already-revoked', key: info };
    await this.db.kysely.updateTable('api_keys').set({ revoked_at: now.getTime() }).where('id', '=', row.id).execute();
    return { kind: 'revoked', key: { ...info, revokedAt: now } };
  }

  /**
   * The live key a client sent, or null. The row is found by the hash's
   * index; that lookup's timing can only tell an attacker about hashes of
   * their own guesses, which without a preimage says nothing about a real
   * key. The final comparison is constant-time all the same.
   */
  async verify(key: string, now = new Date()): Promise<{ id: number; name: string } | null> {
    if (!looksLikeApiKey(key)) return null;
    const hash = hashKey(key);
    const row = await this.db.kysely
      .selectFrom('api_keys')
      .select(['id', 'name', 'key_hash', 'revoked_at', 'last_used_at'])
      .where('key_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    await this.touch(row.id, row.last_used_at, now.getTime());
    return { id: row.id, name: row.name };
  }

  /** Records use at most once a minute per key; the where clause keeps other nodes from writing it again too. */
  private async touch(id: number, stored: number | null, now: number): Promise<void> {
    const written = Math.max(this.lastUseWritten.get(id) ?? 0, stored ?? 0);
    if (now - written < LAST_USED_EVERY_MS) return;
    this.lastUseWritten.set(id, now);
    await this.db.kysely
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - LAST_USED_EVERY_MS)]))
      .execute();
  }
}
