import { GRAIN_MS, type SeriesPoint, type Store, utcDay } from '../store/index.js';

export interface NamedCount {
  key: string;
  /** A story's headline and path, a section's name, or the domain itself. */
  label: string;
  path?: string | undefined;
  views: number;
  visitors: number;
}

export interface Dashboard {
  generatedAt: string;
  today: { views: number; visitors: number };
  /** Per hour over the last 48 hours. */
  hourly: SeriesPoint[];
  /** Per day over the last `days` days. */
  daily: SeriesPoint[];
  topNow: NamedCount[];
  topToday: NamedCount[];
  sections: NamedCount[];
  referrers: NamedCount[];
}

/** What the newsroom dashboard, the story list and `dateline stats` read. */
export class AudienceReport {
  constructor(private readonly store: Store) {}

  private startOfDay(now: Date, daysBack = 0): Date {
    return new Date(Date.parse(utcDay(now.getTime())) - daysBack * GRAIN_MS.d);
  }

  async dashboard(now: Date, days = 30): Promise<Dashboard> {
    const a = this.store.audience;
    const today = this.startOfDay(now);
    const [todaySeries, hourly, daily, topNow, topToday, sections, referrers] = await Promise.all([
      a.series('d', today),
      a.series('h', new Date(now.getTime() - 48 * GRAIN_MS.h)),
      a.series('d', this.startOfDay(now, days - 1)),
      a.top('story', 'm', new Date(now.getTime() - 30 * 60_000), 10),
      a.top('story', 'd', today, 10),
      a.top('section', 'd', today, 20),
      a.top('referrer', 'd', today, 10),
    ]);
    return {
      generatedAt: now.toISOString(),
      today: { views: todaySeries[0]?.views ?? 0, visitors: todaySeries[0]?.visitors ?? 0 },
      hourly,
      daily,
      topNow: await this.nameStories(topNow),
      topToday: await this.nameStories(topToday),
      sections: await this.nameSections(sections),
      referrers: referrers.map((r) => ({ ...r, label: r.key })),
    };
  }

  /** Views and visitors of each story over the last `days` UTC days (today included), most read first. */
  async perStory(now: Date, days: number, limit = 1000): Promise<NamedCount[]> {
    return this.nameStories(await this.store.audience.top('story', 'd', this.startOfDay(now, days - 1), limit));
  }

  /** Views and visitors of the given stories over the last `days` days, by story id (the story list, the editor). */
  async forStories(ids: readonly number[], now: Date, days = 7): Promise<Map<number, { views: number; visitors: number }>> {
    const rows = await this.store.audience.top('story', 'd', this.startOfDay(now, days - 1), ids.length || 1, ids.map(String));
    return new Map(rows.map((r) => [Number(r.key), { views: r.views, visitors: r.visitors }]));
  }

  private async nameStories(rows: Array<{ key: string; views: number; visitors: number }>): Promise<NamedCount[]> {
    const named: NamedCount[] = [];
    for (const row of rows) {
      const article = await this.store.articles.byId(Number(row.key));
      named.push({ ...row, label: article?.headline ?? `Story ${row.key} (deleted)`, path: article?.path });
    }
    return named;
  }

  private async nameSections(rows: Array<{ key: string; views: number; visitors: number }>): Promise<NamedCount[]> {
    const byId = await this.store.sections.byId();
    return rows.map((r) => ({ ...r, label: byId.get(Number(r.key))?.name ?? `Section ${r.key}` }));
  }
}
