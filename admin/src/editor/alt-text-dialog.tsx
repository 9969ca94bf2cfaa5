import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { ApiFailure, describeError, patch } from '../api.ts';
import { announceMediaSaved } from '../components/media-events.ts';
import '../components/photo-details.css';

/** A photo the server said lacks alt text (the 422 of publish/schedule, `details.photos`). */
export interface PhotoWithoutAlt {
  mediaId: number;
  place: 'lead' | 'body';
  name: string;
  caption: string;
  thumbnailUrl: string;
}

/** The photos a publish was refused for, when that is why it was refused. */
export function photosWithoutAlt(error: unknown): PhotoWithoutAlt[] | null {
  if (!(error instanceof ApiFailure) || error.status !== 422) return null;
  const photos = (error.details as { photos?: unknown } | undefined)?.photos;
  return Array.isArray(photos) && photos.length > 0 ? (photos as PhotoWithoutAlt[]) : null;
}

/**
 * Asks for the alt text a publish needs: each photo with its caption and a
 * field, then saves them (to the library, so every story using the photo
 * gets them) and goes on with the publish. A modal <dialog>: focus stays
 * inside, Escape closes without publishing.
 */
export function AltTextDialog(props: { photos: PhotoWithoutAlt[]; actionLabel: string; onDone: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [alts, setAlts] = useState<Record<number, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const empty = props.photos.filter((p) => !(alts[p.mediaId] ?? '').trim());
    if (empty.length > 0) {
      setError(`Describe ${empty.length === 1 ? 'the photo' : `all ${props.photos.length} photos`} first: alt text tells readers who cannot see a picture what it shows.`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      for (const photo of props.photos) announceMediaSaved(await patch<AdminMedia>(`/media/${photo.mediaId}`, { alt: (alts[photo.mediaId] ?? '').trim() }));
      dialog.current?.close();
      props.onDone();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="picker alt-dialog" aria-labelledby="alt-dialog-title" onClose={props.onClose}>
      <form onSubmit={save}>
        <div class="picker-head">
          <h2 id="alt-dialog-title">Alt text needed before this goes out</h2>
        </div>
        <p>
          {props.photos.length === 1
            ? 'This photo has no description for readers who cannot see it. Say in a sentence what it shows.'
            : `These ${props.photos.length} photos have no description for readers who cannot see them. Say in a sentence what each shows.`}
        </p>
        <ul class="alt-needed-list">
          {props.photos.map((photo) => (
            <li key={photo.mediaId}>
              {photo.thumbnailUrl ? <img src={photo.thumbnailUrl} alt="" /> : <span />}
              <div class="field">
                <label for={`alt-needed-${photo.mediaId}`}>
                  {photo.place === 'lead' ? 'Lead photo' : 'Photo in the story'}: {photo.name}
                </label>
                <input
                  id={`alt-needed-${photo.mediaId}`}
                  value={alts[photo.mediaId] ?? ''}
                  maxLength={500}
                  onInput={(e) => setAlts({ ...alts, [photo.mediaId]: e.currentTarget.value })}
                />
              </div>
            </li>
          ))}
        </ul>
        {error && (
          <p class="banner error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" class="button primary" disabled={busy}>
            Save alt text and {props.actionLabel}
          </button>
          <button type="button" class="button ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
