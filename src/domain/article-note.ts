/**
 * A dated note an editor appends to a story: a correction of a mistake or
 * an update with news. Readers see them after the body ("Correction:"),
 * and search engines in the JSON-LD.
 */
export const NOTE_KINDS = ['correction', 'update'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface ArticleNote {
  id: number;
  kind: NoteKind;
  text: string;
  at: Date;
  /** When an editor last reworded it (the earlier wordings are kept in the newsroom); null or absent when never. */
  editedAt?: Date | null;
}

/** The word a note is introduced with on the page. */
export function noteLabel(kind: NoteKind): string {
  return kind === 'correction' ? 'Correction' : 'Update';
}
