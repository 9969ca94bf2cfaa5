import { readFileSync } from 'node:fs';
import { DatelineError } from '../domain/errors.js';

/** How Dateline sends mail (SMTP_URL, DKIM_*), read once at start. */
export interface MailConfig {
  /** smtp:// or smtps:// with credentials; undefined: mail is not configured and nothing pretends to send. */
  smtpUrl: string | undefined;
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  /** Subscribe requests a minute from one address (NEWSLETTER_SUBSCRIBE_PER_MINUTE; 0 = no limit). */
  subscribePerMinute: number;
  /** Messages one batch job sends (NEWSLETTER_BATCH_SIZE). */
  batchSize: number;
}

type Env = Record<string, string | undefined>;

function fail(message: string, hint: string): never {
  throw new DatelineError('CONFIG_INVALID', message, { hint });
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} is "${raw}", which is not a whole number from ${min} to ${max}.`, `Set ${name} to a number such as ${fallback}.`);
  return value;
}

/** Reads and checks the mail settings; a DKIM key file that cannot be read stops the start with what to fix. */
export function readMailConfig(env: Env): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      fail('SMTP_URL is not an smtp:// or smtps:// URL.', 'Set SMTP_URL like smtps://user:password@mail.example.com:465 (or smtp://… for STARTTLS on 587), or unset it.');
    }
  }
  const domainName = env.DKIM_DOMAIN?.trim();
  const keySelector = env.DKIM_SELECTOR?.trim();
  const keyFile = env.DKIM_PRIVATE_KEY_FILE?.trim();
  let dkim: MailConfig['dkim'];
  if (domainName || keySelector || keyFile) {
    if (!domainName || !keySelector || !keyFile) fail('DKIM needs all three of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE.', 'Set all three to sign mail, or none.');
    let privateKey: string;
    try {
      privateKey = readFileSync(keyFile, 'utf8');
    } catch (error) {
      fail(`DKIM_PRIVATE_KEY_FILE ${keyFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'Point DKIM_PRIVATE_KEY_FILE at the PEM private key whose public half is published at <selector>._domainkey.<domain>.');
    }
    if (!privateKey.includes('PRIVATE KEY')) fail(`DKIM_PRIVATE_KEY_FILE ${keyFile} holds no PEM private key.`, 'Give the PEM file (-----BEGIN PRIVATE KEY-----).');
    dkim = { domainName, keySelector, privateKey };
  }
  return {
    smtpUrl,
    dkim,
    subscribePerMinute: wholeNumber(env, 'NEWSLETTER_SUBSCRIBE_PER_MINUTE', 10, 0, 100_000),
    batchSize: wholeNumber(env, 'NEWSLETTER_BATCH_SIZE', 200, 1, 10_000),
  };
}
