/**
 * What ingest did with one item. `stale` is a version older than the one
 * the story already shows (it is kept in the history, nothing changes).
 */
export const ITEM_OUTCOMES = [
  'new',
  'updated',
  'unchanged',
  'stale',
  'withdrawn',
  'withheld',
  'held',
  'embargoed',
  'picture',
  'skipped',
  'quarantined',
] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export interface ItemResult {
  outcome: ItemOutcome;
  /** The file or URL the item came in. */
  file: string;
  uri?: string;
  version?: string;
  articleId?: number;
  /** Where the story lives on the site. */
  path?: string;
  /** Why it was skipped or quarantined. */
  reason?: string;
  pointer?: string | null;
  quarantineId?: number;
}

/** Per-item results of one ingest, with counts per outcome. */
export interface IngestReport {
  items: ItemResult[];
  counts: Record<ItemOutcome, number>;
}

export function emptyCounts(): Record<ItemOutcome, number> {
  return Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as Record<ItemOutcome, number>;
}

export function reportOf(items: ItemResult[]): IngestReport {
  const counts = emptyCounts();
  for (const item of items) counts[item.outcome]++;
  return { items, counts };
}

/** `12 new, 3 updated, 0 unchanged, …` in the order people read it. */
export function summaryLine(counts: Record<ItemOutcome, number>): string {
  const always: ItemOutcome[] = ['new', 'updated', 'unchanged', 'withdrawn', 'held', 'skipped', 'quarantined'];
  const shown = ITEM_OUTCOMES.filter((o) => always.includes(o) || counts[o] > 0);
  return shown.map((o) => `${counts[o]} ${o === 'stale' ? 'older (ignored)' : o}`).join(', ');
}
