import type { Generated } from 'kysely';

/** A person who signs in to the newsroom. */
export interface UserTable {
  id: Generated<number>;
  /** Lower-cased; one account per address. */
  email: string;
  name: string;
  /** admin | editor | writer | contributor */
  role: string;
  /** argon2id PHC string. */
  password_hash: string;
  disabled: number;
  /** 1 after `user add` or a reset: the password was shown to someone else once. */
  must_change_password: number;
  created_at: number;
  last_sign_in_at: number | null;
  /** The author this user writes as (their own byline); null when not linked. */
  author_id: number | null;
}

/** A signed-in browser. Only a hash of the cookie's token is kept. */
export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  /** Sent back as `x-csrf-token` on every state-changing request. */
  csrf_token: string;
  created_at: number;
  expires_at: number;
  /** Where it was made, for the user list and for audits. */
  ip: string;
  user_agent: string;
}

/** One failed sign-in, counted per account and per address over a window. */
export interface SignInFailureTable {
  id: Generated<number>;
  /** `account:<email>`, `ip:<address>` or `pair:<email>|<address>`; attempts in flight count too. */
  key: string;
  at: number;
}
