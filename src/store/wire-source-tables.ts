import type { Generated } from 'kysely';

/** An agency that pushes items over HTTP, with the hash of its bearer token. */
export interface WirePushSourceTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  /** The source's WireSourceRules as JSON; null means the server's WIRE_RULES. */
  rules_json: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A feed URL the server polls, with what it last heard from it. */
export interface WirePollSourceTable {
  id: Generated<number>;
  name: string;
  url: string;
  interval_ms: number;
  rules_json: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: number;
  last_polled_at: number | null;
  /** `200 new 1, …`, `304`, `error` — what the last poll did, for `wire poll list`. */
  last_status: string | null;
  last_error: string | null;
  failures: Generated<number>;
  /** A node that is polling this source holds it until then. */
  claimed_until: number | null;
  created_at: number;
}

/** A source's rules as set in the newsroom (migration 0029), by source name; `*` is for sources not named. */
export interface WireSourceRulesTable {
  name: string;
  /** The WireSourceRules as JSON, checked again when read. */
  rules_json: string;
  updated_at: number;
  /** Who set them last, as the newsroom names them. */
  updated_by: string | null;
}
