/**
 * What an import did, for the summary the CLI prints and the Import
 * screen shows: counts of what was made, what an earlier run had already
 * made (a second run shows only these), what was left out and why.
 */
export interface ImportSummary {
  /** `wordpress:https://example.com`: the source keys are recorded under. */
  source: string;
  created: Record<ImportedKind, number>;
  /** Already imported by an earlier run of the same source: left as they are. */
  unchanged: Record<ImportedKind, number>;
  redirects: number;
  /** Comments in the export; Dateline has none, so none come over. */
  commentsLeft: number;
  /** Items not imported, each with where it is in the file and why. */
  notImported: ImportProblem[];
  /** Kinds of item Dateline has no place for (menu items, revisions), counted rather than listed. */
  skipped: Record<string, number>;
  /** Things imported but changed on the way (a folded section, a removed shortcode). */
  notes: ImportProblem[];
}

export type ImportedKind = 'stories' | 'pages' | 'authors' | 'sections' | 'tags' | 'pictures';

export interface ImportProblem {
  /** `line 120, column 4: post 57 "Hello"` or a URL. */
  where: string;
  why: string;
}

export function emptySummary(source: string): ImportSummary {
  const zero = (): Record<ImportedKind, number> => ({ stories: 0, pages: 0, authors: 0, sections: 0, tags: 0, pictures: 0 });
  return { source, created: zero(), unchanged: zero(), redirects: 0, commentsLeft: 0, notImported: [], skipped: {}, notes: [] };
}

const LISTED = 50;

/** The summary as the CLI prints it. */
export function formatSummary(summary: ImportSummary): string {
  const counts = (record: Record<ImportedKind, number>) =>
    (Object.entries(record) as Array<[ImportedKind, number]>)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'nothing';
  const lines = [
    `Imported from ${summary.source}: ${counts(summary.created)}.`,
    `Already imported earlier (unchanged): ${counts(summary.unchanged)}.`,
    `Old addresses that now redirect: ${summary.redirects}.`,
  ];
  if (summary.commentsLeft > 0) lines.push(`Comments left behind (Dateline has no comments): ${summary.commentsLeft}.`);
  const skipped = Object.entries(summary.skipped);
  if (skipped.length > 0) lines.push(`Skipped (Dateline has no such thing): ${skipped.map(([kind, n]) => `${n} ${kind}`).join(', ')}.`);
  lines.push(`Not imported: ${summary.notImported.length}.`);
  for (const p of summary.notImported.slice(0, LISTED)) lines.push(`  ${p.where}: ${p.why}`);
  if (summary.notImported.length > LISTED) lines.push(`  … and ${summary.notImported.length - LISTED} more`);
  if (summary.notes.length > 0) {
    lines.push(`Changed on the way in: ${summary.notes.length}.`);
    for (const p of summary.notes.slice(0, LISTED)) lines.push(`  ${p.where}: ${p.why}`);
    if (summary.notes.length > LISTED) lines.push(`  … and ${summary.notes.length - LISTED} more`);
  }
  return `${lines.join('\n')}\n`;
}
