import type { Generated } from 'kysely';

/** Newsletter lists, subscriptions, editions and deliveries (migration 0020). Times are epoch milliseconds. */
export interface NewsletterListTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  from_name: string;
  from_address: string;
  reply_to: string | null;
  kind: 'digest' | 'alerts';
  send_at: string | null;
  created_at: number;
}

export interface NewsletterSubscriptionTable {
  id: Generated<number>;
  list_id: number;
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  /** sha256 of the confirmation token; the token itself is only ever in the mail. */
  token_hash: string | null;
  token_expires_at: number | null;
  requested_at: number;
  /** When the address confirmed (the consent date exports carry). */
  confirmed_at: number | null;
  unsubscribed_at: number | null;
  source: string;
}

export interface NewsletterEditionTable {
  id: Generated<number>;
  list_id: number;
  kind: 'digest' | 'composed' | 'alert';
  subject: string;
  intro: string;
  /** JSON array of story ids, in order. */
  article_ids: string;
  status: 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
  issue_day: string | null;
  scheduled_at: number | null;
  /** The rendered mail, fixed when sending starts so every recipient gets the same edition. */
  html: string | null;
  text: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface NewsletterDeliveryTable {
  id: Generated<number>;
  edition_id: number;
  subscription_id: number;
  email: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';
  error: string | null;
  sent_at: number | null;
}

/** Audience numbers (migration 0021). */
export interface AudienceSaltTable {
  day: string;
  salt: string;
}

export interface AudienceVisitorTable {
  day: string;
  dim: string;
  dim_key: string;
  visitor: string;
}

export interface AudienceCountTable {
  grain: 'd' | 'h' | 'm';
  bucket: number;
  dim: string;
  dim_key: string;
  views: number;
  visitors: number;
}
