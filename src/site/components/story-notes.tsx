import { type ArticleNote, noteLabel } from '../../domain/article-note.js';
import type { SiteContext } from '../site-context.js';
import { TimeStamp } from './time-stamp.js';

/** Corrections and updates after the body, oldest first, each with its date. */
export function StoryNotes({ notes, site }: { notes: ArticleNote[]; site: SiteContext }) {
  if (notes.length === 0) return null;
  return (
    <aside class="story-notes" aria-label="Corrections and updates">
      {notes.map((note) => (
        <p key={note.id} class={`story-note story-note-${note.kind}`}>
          <strong>{noteLabel(note.kind)}:</strong> {note.text} <TimeStamp at={note.at} site={site} />
        </p>
      ))}
    </aside>
  );
}
