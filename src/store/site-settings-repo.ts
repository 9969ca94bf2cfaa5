import { SITE_KEY } from '../domain/cache-keys.js';
import {
  configDefaults,
  type EditableSettings,
  type ResolvedSettings,
  resolveSettings,
  type SettingKey,
  type SettingsConfig,
  type SiteSettingsReader,
  type StoredLogo,
  type StoredSettings,
} from '../domain/site-settings.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { KeptUntilSiteChange } from './kept-until-site-change.js';
import type { OutboxRepo } from './outbox-repo.js';

/** Migration 0027: one row per setting, its value as JSON. */
export interface SiteSettingTable {
  key: string;
  value: string;
  modified_at: number;
}

const KEYS = ['name', 'description', 'language', 'timeZone', 'accentColor', 'footerLinks', 'social', 'logo'] as const;
type Key = (typeof KEYS)[number];

/**
 * The site's settings. Every page reads them, so each process holds them in
 * memory; a save records a site-wide purge in its own transaction, and every
 * process (this one at once, the others when they read that change from the
 * outbox) drops its copy and reads the new values on its next page. The
 * `maxAgeMs` re-read is a safety net, not the path changes take.
 */
export class SiteSettingsRepo {
  private readonly kept: KeptUntilSiteChange<StoredSettings>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
  ) {
    this.kept = new KeptUntilSiteChange(changes);
  }

  async get(): Promise<StoredSettings> {
    return this.kept.get(async () => {
      const rows = await this.db.kysely.selectFrom('site_settings').select(['key', 'value']).execute();
      const settings: Record<string, unknown> = {};
      for (const row of rows) {
        if (!(KEYS as readonly string[]).includes(row.key)) continue;
        try {
          settings[row.key] = JSON.parse(row.value);
        } catch {
          // A value this version cannot read is left alone; the default shows instead.
        }
      }
      return settings as StoredSettings;
    });
  }

  /** The settings in force: `pinned` fields (set by environment variables) from `defaults`, else what was saved, else `defaults`. */
  async resolve(defaults: EditableSettings, pinned: readonly SettingKey[]): Promise<ResolvedSettings> {
    return resolveSettings(defaults, pinned, await this.get());
  }

  /**
   * A reader of the settings in force for a configuration: its environment
   * pins win, then what the newsroom saved, then its defaults. Cheap to call
   * on every request (the saved values are held in memory, dropped on a change).
   *
   * @example const settings = store.siteSettings.reader(config); (await settings()).name
   */
  reader(config: SettingsConfig): SiteSettingsReader {
    const defaults = configDefaults(config);
    const pinned = config.pinnedSettings ?? [];
    return () => this.resolve(defaults, pinned);
  }

  /** Saves the given settings (a value of null removes a saved one: the default shows again) and announces the change. */
  async save(patch: { [K in keyof EditableSettings]?: EditableSettings[K] | null } & { logo?: StoredLogo | null }, now = new Date()): Promise<void> {
    const entries = Object.entries(patch).filter(([key, value]) => (KEYS as readonly string[]).includes(key) && value !== undefined) as Array<[Key, unknown]>;
    if (entries.length === 0) return;
    const entry = await this.db.kysely.transaction().execute(async (trx) => {
      for (const [key, value] of entries) {
        if (value === null) {
          await trx.deleteFrom('site_settings').where('key', '=', key).execute();
          continue;
        }
        const json = JSON.stringify(value);
        await trx
          .insertInto('site_settings')
          .values({ key, value: json, modified_at: now.getTime() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, modified_at: now.getTime() }))
          .execute();
      }
      // Name, logo, colour and footer are on every page: the whole site goes.
      return this.outbox.record(trx, { keys: [SITE_KEY], hard: false }, now);
    });
    this.kept.drop();
    this.changes.announceRecorded([entry]);
  }
}
