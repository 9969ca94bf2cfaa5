import path from 'node:path';
import { parsePurgeUrls } from './cache-tier/purge-urls.js';
import { DatelineError } from './domain/errors.js';
import { accentProblem, DEFAULT_ACCENT, PINNABLE, type SettingKey } from './domain/site-settings.js';
import { isTimeZone } from './domain/time-format.js';
import { type MediaConfig, readMediaConfig } from './media/media-config.js';
import { type AllowList, parseAllowList } from './net/address-policy.js';
import { type MailConfig, readMailConfig } from './newsletters/mail-config.js';
import type { RateLimits } from './rate-limits.js';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './webhooks/backoff.js';
import type { ZipLimits } from './wire/read-zip.js';

/** Everything Dateline needs to know at start, read once and then frozen. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL switches from the embedded SQLite database to PostgreSQL. */
  databaseUrl: string | undefined;
  /** The public address readers use, for canonical links, feeds and JSON-LD. */
  siteUrl: string;
  siteName: string;
  /** One sentence about the site for the home page's description. */
  siteDescription: string;
  /** BCP 47 language tag of the site's pages. */
  language: string;
  /** IANA zone in which times are shown. */
  timeZone: string;
  /** The theme's accent colour (kickers, section labels), readable on white. */
  accentColor: string;
  /**
   * Site settings an environment variable sets (SITE_NAME, SITE_DESCRIPTION, SITE_LANGUAGE, SITE_TIME_ZONE,
   * SITE_ACCENT_COLOR): they win over what the newsroom's Settings screen saved, which shows them as pinned.
   */
  pinnedSettings: readonly SettingKey[];
  /** Seed the demo newsroom into an empty database at start (DEMO; default true on SQLite, false with DATABASE_URL). */
  demo: boolean;
  /** How long a rendered page is served from memory before it is rendered again. */
  pageCacheSeconds: number;
  /** How long a shared cache (Varnish, a CDN) may keep a reader page (s-maxage); changes purge it sooner. */
  cacheTierSeconds: number;
  /** How often a node looks for changes other processes committed (SQLite: the file's data version; PostgreSQL: behind NOTIFY). */
  changePollMs: number;
  /** What feed items carry: the whole story body, or only its summary. */
  feedContent: 'summary' | 'full';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Whether this node runs background jobs (JOBS; default true). Every node enqueues; any number may run them, each job once. */
  jobs: boolean;
  /** Whether this node sends webhooks (any number of nodes may; each delivery goes out once). */
  webhooks: boolean;
  /** Delays before each webhook retry, in milliseconds. */
  webhookRetrySchedule: readonly number[];
  /** Where picture bytes live: MEDIA_STORE, MEDIA_STORE_FALLBACK and the S3_* settings. */
  media: MediaConfig;
  /** The largest picture the newsroom accepts, in bytes (MEDIA_MAX_UPLOAD_MB). */
  mediaMaxUploadBytes: number;
  /** How often this node looks for scheduled stories that are due (SCHEDULER_INTERVAL_MS; 0 turns it off on this node). */
  schedulerIntervalMs: number;
  /** A folder the server watches for wire files (WIRE_INBOX); unset: no inbox. */
  wireInbox: string | undefined;
  /** The wire rules file (WIRE_RULES) for the inbox, pollers and push sources without rules of their own. */
  wireRulesFile: string | undefined;
  /** The largest body POST /wire/ingest accepts, in bytes (WIRE_PUSH_MAX_MB). */
  wirePushMaxBytes: number;
  /** Whether this node polls wire feed URLs (WIRE_POLLING; each poll runs on one node however many do). */
  wirePolling: boolean;
  /** Base URLs of the HTTP caches (Varnish) every change is purged from (CACHE_PURGE_URLS; default none). */
  cachePurgeUrls: readonly string[];
  /** Internal hosts and ranges outbound requests may reach (OUTBOUND_ALLOW; default none: public addresses only). */
  outboundAllow: AllowList;
  /** What one wire zip archive may cost: entries, unpacked bytes, packing ratio (WIRE_ZIP_MAX_ENTRIES, _UNPACKED_MB, _RATIO). */
  zipLimits: ZipLimits;
  /** Which peers' X-Forwarded-For / -Proto count (TRUST_PROXY): false (default), a hop count, or addresses and CIDRs. */
  trustProxy: false | number | string[];
  /** A newsroom session's absolute lifetime in ms, however busy (SESSION_MAX_HOURS). */
  sessionMaxAgeMs: number;
  /** Requests per minute per client, key or token (RATE_LIMIT_SEARCH, _API_KEY, _API_ADDRESS, _PUSH, _SIGN_IN; 0 = off). */
  rateLimits: RateLimits;
  /** The most items one POST /wire/ingest may carry (WIRE_PUSH_MAX_ITEMS). */
  wirePushMaxItems: number;
  /** Mail for newsletters: SMTP_URL, optional DKIM_*, NEWSLETTER_* (src/newsletters/mail-config.ts). */
  mail: MailConfig;
}

type Env = Record<string, string | undefined>;

function fail(message: string, hint: string): never {
  throw new DatelineError('CONFIG_INVALID', message, { hint });
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} is "${raw}", which is not a whole number from ${min} to ${max}.`, `Set ${name} to a number such as ${fallback}.`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  return fail(`${name} is "${env[name]}", which is neither true nor false.`, `Set ${name} to true or false.`);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset or false trusts no one (the peer's address is the
 * client's); a number trusts that many proxy hops; otherwise a list of
 * proxy addresses, CIDRs or the names loopback, linklocal, uniquelocal.
 * `true` is refused: it would let any client choose its own address.
 */
function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || ['false', 'off', 'no', '0'].includes(value.toLowerCase())) return false;
  const hint = 'Set TRUST_PROXY to the number of proxies in front (such as 1), or their addresses: 10.0.0.2,10.0.1.0/24 or loopback.';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) fail(`TRUST_PROXY is ${hops}, more proxy hops than any deployment has.`, hint);
    return hops;
  }
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) {
    fail('TRUST_PROXY=true would believe any X-Forwarded-For, so anyone could pick their own address (and dodge sign-in limits).', hint);
  }
  const entries = value.split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    try {
      parseAllowList(entry.includes('/') || /^[\d.:a-f]+$/i.test(entry) ? entry : '!');
    } catch {
      fail(`TRUST_PROXY has "${entry}", which is not an address, a CIDR range or one of ${PROXY_NAMES.join(', ')}.`, hint);
    }
  }
  return entries;
}

/**
 * Reads the configuration from the environment (and flags the CLI turned
 * into variables), checks every value, and says what to fix when one is wrong.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Readonly<Config> {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || 'data');

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    fail(
      `DATABASE_URL must be a postgres:// URL; got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}".`,
      'Unset DATABASE_URL to use the embedded SQLite database, or give a URL like postgres://user@host:5432/dateline.',
    );
  }

  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const siteUrl = (env.SITE_URL?.trim() || `http://${shownHost}:${port}`).replace(/\/+$/, '');
  try {
    const parsed = new URL(siteUrl);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('protocol');
  } catch {
    fail(`SITE_URL is "${siteUrl}", which is not an http(s) URL.`, 'Set SITE_URL to the address readers use, such as https://news.example.com.');
  }

  const timeZone = env.SITE_TIME_ZONE?.trim() || 'America/Los_Angeles';
  if (!isTimeZone(timeZone)) {
    fail(`SITE_TIME_ZONE is "${timeZone}", which is not a time zone name.`, 'Use an IANA name such as America/Los_Angeles or Europe/Berlin.');
  }

  const accentColor = env.SITE_ACCENT_COLOR?.trim().toLowerCase() || DEFAULT_ACCENT;
  const accent = accentProblem(accentColor);
  if (accent) fail(`SITE_ACCENT_COLOR: ${accent}`, 'Set SITE_ACCENT_COLOR to a dark colour such as #a3161b, or unset it.');
  const pinnedSettings = (Object.entries(PINNABLE) as Array<[SettingKey, string]>).filter(([, name]) => env[name]?.trim()).map(([key]) => key);

  const logLevel = (env.LOG_LEVEL?.trim() || 'warn') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    fail(`LOG_LEVEL is "${logLevel}".`, 'Use one of fatal, error, warn, info, debug, trace, silent.');
  }

  const feedContent = (env.FEED_CONTENT?.trim().toLowerCase() || 'full') as Config['feedContent'];
  if (feedContent !== 'summary' && feedContent !== 'full') {
    fail(`FEED_CONTENT is "${env.FEED_CONTENT}".`, 'Set FEED_CONTENT to full (whole stories in feeds) or summary.');
  }

  let webhookRetrySchedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS;
  if (env.WEBHOOK_RETRY_SCHEDULE?.trim()) {
    try {
      webhookRetrySchedule = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE);
    } catch (error) {
      fail(`WEBHOOK_RETRY_SCHEDULE is "${env.WEBHOOK_RETRY_SCHEDULE}": ${(error as Error).message}.`, 'Give delays separated by commas, such as 30s,2m,10m,1h,6h.');
    }
  }

  let outboundAllow: AllowList;
  try {
    outboundAllow = parseAllowList(env.OUTBOUND_ALLOW);
  } catch (error) {
    fail(`OUTBOUND_ALLOW: ${(error as Error).message}.`, 'List host names, addresses or CIDR ranges separated by commas, such as wire-mirror.internal,10.20.0.0/16.');
  }

  let cachePurgeUrls: string[] = [];
  try {
    cachePurgeUrls = parsePurgeUrls(env.CACHE_PURGE_URLS);
  } catch (error) {
    fail(`CACHE_PURGE_URLS: ${(error as Error).message}.`, "Give each cache's base URL, separated by commas, such as http://127.0.0.1:6081,http://10.0.0.3:6081.");
  }

  const trustProxy = parseTrustProxy(env.TRUST_PROXY);

  return Object.freeze({
    port,
    host,
    dataDir,
    databaseUrl,
    siteUrl,
    siteName: env.SITE_NAME?.trim() || 'Cedar Coast Dispatch',
    siteDescription:
      env.SITE_DESCRIPTION?.trim() || 'News, sports and opinion from Port Alder and Cedar County on the Washington coast.',
    language: env.SITE_LANGUAGE?.trim() || 'en-US',
    timeZone,
    accentColor,
    pinnedSettings: Object.freeze(pinnedSettings),
    // A fresh SQLite ./data gets the demo newsroom; a PostgreSQL database only when DEMO=true asks for it.
    demo: flag(env, 'DEMO', databaseUrl === undefined),
    pageCacheSeconds: integer(env, 'PAGE_CACHE_SECONDS', 60, 0, 86_400),
    cacheTierSeconds: integer(env, 'CACHE_TIER_SECONDS', 300, 0, 86_400),
    changePollMs: integer(env, 'CHANGE_POLL_MS', 150, 20, 10_000),
    feedContent,
    logLevel,
    jobs: flag(env, 'JOBS', true),
    webhooks: flag(env, 'WEBHOOKS', true),
    webhookRetrySchedule,
    media: readMediaConfig(env, databaseUrl),
    mediaMaxUploadBytes: integer(env, 'MEDIA_MAX_UPLOAD_MB', 20, 1, 200) * 1024 * 1024,
    schedulerIntervalMs: integer(env, 'SCHEDULER_INTERVAL_MS', 5000, 0, 3_600_000),
    wireInbox: env.WIRE_INBOX?.trim() ? path.resolve(cwd, env.WIRE_INBOX.trim()) : undefined,
    wireRulesFile: env.WIRE_RULES?.trim() ? path.resolve(cwd, env.WIRE_RULES.trim()) : undefined,
    wirePushMaxBytes: integer(env, 'WIRE_PUSH_MAX_MB', 10, 1, 500) * 1024 * 1024,
    wirePolling: flag(env, 'WIRE_POLLING', true),
    cachePurgeUrls,
    outboundAllow,
    trustProxy,
    sessionMaxAgeMs: integer(env, 'SESSION_MAX_HOURS', 12, 1, 720) * 3600_000,
    rateLimits: Object.freeze({
      search: integer(env, 'RATE_LIMIT_SEARCH', 60, 0, 1_000_000),
      apiPerKey: integer(env, 'RATE_LIMIT_API_KEY', 600, 0, 1_000_000),
      apiPerAddress: integer(env, 'RATE_LIMIT_API_ADDRESS', 1200, 0, 1_000_000),
      push: integer(env, 'RATE_LIMIT_PUSH', 120, 0, 1_000_000),
      signIn: integer(env, 'RATE_LIMIT_SIGN_IN', 30, 0, 1_000_000),
    }),
    wirePushMaxItems: integer(env, 'WIRE_PUSH_MAX_ITEMS', 500, 1, 100_000),
    mail: Object.freeze(readMailConfig(env)),
    zipLimits: Object.freeze({
      maxEntries: integer(env, 'WIRE_ZIP_MAX_ENTRIES', 10_000, 1, 65_535),
      maxUnpackedBytes: integer(env, 'WIRE_ZIP_MAX_UNPACKED_MB', 64, 1, 2048) * 1024 * 1024,
      maxRatio: integer(env, 'WIRE_ZIP_MAX_RATIO', 100, 2, 10_000),
    }),
  });
}
