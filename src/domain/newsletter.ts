/** A newsletter list readers subscribe to: a daily digest or breaking-news alerts. */
export interface NewsletterList {
  id: number;
  slug: string;
  name: string;
  description: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  kind: 'digest' | 'alerts';
  /** Local time (HH:MM, site time zone) the automatic digest goes out each day; null: sent by hand. */
  sendAt: string | null;
}

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface Subscription {
  id: number;
  listId: number;
  email: string;
  status: SubscriptionStatus;
  requestedAt: Date;
  /** When the reader confirmed (their consent); for imports, the consent date the file gave. */
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  source: string;
}

export type EditionKind = 'digest' | 'composed' | 'alert';
export type EditionStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface Edition {
  id: number;
  listId: number;
  kind: EditionKind;
  subject: string;
  intro: string;
  articleIds: number[];
  status: EditionStatus;
  issueDay: string | null;
  scheduledAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Deliveries by status, once sending started. */
  deliveries: Record<DeliveryStatus, number>;
}

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** The address as stored: trimmed and lower-cased; null when it is not an e-mail address. */
export function normalizeEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return null;
  return email;
}

/** Whether `text` is a time of day `HH:MM` (24-hour). */
export function isTimeOfDay(text: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}
