/** What kind of journalism a story is; readers must be able to tell them apart. */
export const LABELS = ['news', 'opinion', 'analysis', 'sponsored'] as const;
export type Label = (typeof LABELS)[number];

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}

/** The word shown above a headline; plain news carries no kicker of its own. */
export function labelKicker(label: Label): string | null {
  switch (label) {
    case 'opinion':
      return 'Opinion';
    case 'analysis':
      return 'Analysis';
    case 'sponsored':
      return 'Sponsored';
    case 'news':
      return null;
  }
}

/** The schema.org type search engines expect for each label. */
export function schemaTypeFor(label: Label): string {
  switch (label) {
    case 'opinion':
      return 'OpinionNewsArticle';
    case 'analysis':
      return 'AnalysisNewsArticle';
    case 'sponsored':
      return 'AdvertiserContentArticle';
    case 'news':
      return 'NewsArticle';
  }
}

/** Sponsored stories never appear in editorial lists. */
export function isEditorial(label: Label): boolean {
  return label !== 'sponsored';
}
