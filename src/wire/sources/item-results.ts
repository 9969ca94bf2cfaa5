import { isPublic } from '../../domain/article.js';
import { uriPath } from '../../domain/slug.js';
import type { Store } from '../../store/index.js';
import type { IngestReport, ItemOutcome } from '../ingest/index.js';

/** One item of an ingest as push answers, inbox reports and poll logs show it. */
export interface ItemResultJson {
  uri: string | null;
  version: string | null;
  outcome: ItemOutcome;
  /** Why it was skipped or quarantined. */
  reason?: string;
  /** Where in the document the problem is (JSON pointer or element path). */
  pointer?: string;
  /** `dateline wire retry ID` runs it again. */
  quarantineId?: number;
  /** The story's public address, when readers can see it now. */
  url?: string;
  /** The file (or zip entry, or URL) the item came in. */
  file: string;
}

const STORY_OUTCOMES: ReadonlySet<ItemOutcome> = new Set(['new', 'updated', 'unchanged', 'stale']);

/** Per-item results with the story URL where one is public (embargoed and held stories have none yet). */
export async function describeItems(store: Store, report: IngestReport, siteUrl: string, now: Date): Promise<ItemResultJson[]> {
  const out: ItemResultJson[] = [];
  // One read for every story named (a push may name 500), not one whole story each.
  const shown = report.items.filter((r) => STORY_OUTCOMES.has(r.outcome) && r.articleId !== undefined).map((r) => r.articleId as number);
  const places = await store.articles.placesOf(shown);
  for (const r of report.items) {
    const item: ItemResultJson = { uri: r.uri ?? null, version: r.version ?? null, outcome: r.outcome, file: r.file };
    if (r.reason) item.reason = r.reason;
    if (r.pointer) item.pointer = r.pointer;
    if (r.quarantineId !== undefined) item.quarantineId = r.quarantineId;
    if (STORY_OUTCOMES.has(r.outcome) && r.articleId !== undefined) {
      const article = places.get(r.articleId);
      if (article && isPublic(article, now)) item.url = `${siteUrl}${uriPath(article.path)}`;
    }
    out.push(item);
  }
  return out;
}
