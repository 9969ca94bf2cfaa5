import { type ArticleNote, noteLabel } from '../../domain/article-note.js';
import { formatDate, isoWithOffset } from '../../domain/time-format.js';
import type { SiteContext } from '../site-context.js';
import { TimeStamp } from './time-stamp.js';

/** Corrections and updates after the body, oldest first, each with its date; a reworded one says when ("Correction, updated Dec 3, 2026:"). */
export function StoryNotes({ notes, site }: { notes: ArticleNote[]; site: SiteContext }) {
  if (notes.length === 0) return null;
  return (
    <aside class="story-notes" aria-label="Corrections and updates">
      {notes.map((note) => (
        <p key={note.id} class={`story-note story-note-${note.kind}`}>
          <strong>
            {noteLabel(note.kind)}
            {note.editedAt && (
              <>
                , updated <time datetime={isoWithOffset(note.editedAt, site.timeZone)}>{formatDate(note.editedAt, site.timeZone, site.language)}</time>
              </>
            )}
            :
          </strong>{' '}
          {note.text} <TimeStamp at={note.at} site={site} />
        </p>
      ))}
    </aside>
  );
}
