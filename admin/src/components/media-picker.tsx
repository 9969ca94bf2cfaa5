import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, query } from '../api.ts';
import { MediaUpload } from './media-upload.tsx';

export async function listMedia(q: string): Promise<{ items: AdminMedia[]; nextCursor: string | null }> {
  const answer = await get<AdminMedia[] | { items: AdminMedia[]; nextCursor?: string | null }>(`/media${query({ q })}`);
  return Array.isArray(answer) ? { items: answer, nextCursor: null } : { items: answer.items, nextCursor: answer.nextCursor ?? null };
}

/** A modal <dialog> (focus stays inside, Escape closes) to choose a picture from the library or upload one. */
export function MediaPicker(props: { title: string; onPick: (media: AdminMedia) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<AdminMedia[]>([]);
  const [error, setError] = useState('');

  async function load(search: string) {
    try {
      setItems((await listMedia(search)).items);
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  useEffect(() => {
    dialog.current?.showModal();
    void load('');
  }, []);

  return (
    <dialog ref={dialog} class="picker" aria-labelledby="picker-title" onClose={props.onClose}>
      <div class="picker-head">
        <h2 id="picker-title">{props.title}</h2>
        <button type="button" class="button ghost small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <MediaUpload
        id="picker-upload"
        saveLabel="Save and use this picture"
        onUploaded={(media) => {
          // Uploaded and described here: it is the picture the editor came for.
          props.onPick(media);
          dialog.current?.close();
        }}
        onKept={(media) => setItems((current) => [media, ...current])}
      />
      <form
        class="row"
       
        onSubmit={(e) => {
          e.preventDefault();
          void load(q);
        }}
      >
        <label for="picker-q" class="visually-hidden">
          Search pictures
        </label>
        <input id="picker-q" type="search" placeholder="Search caption, credit or file name" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit" class="button">
          Search
        </button>
      </form>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <ul class="media-grid picker-grid">
        {items.map((media) => (
          <li key={media.id}>
            <button
              type="button"
              class="media-choice"
              onClick={() => {
                props.onPick(media);
                dialog.current?.close();
              }}
            >
              <img src={media.thumbnailUrl} alt="" loading="lazy" />
              <span>{media.caption || media.alt || media.originalName}</span>
              {!media.alt && <span class="needs-alt">No alt text</span>}
              <span class="visually-hidden">Choose this picture</span>
            </button>
          </li>
        ))}
      </ul>
      {items.length === 0 && !error && <p class="empty">No pictures yet. Upload one above.</p>}
    </dialog>
  );
}

/**
 * The caption a body figure starts with: the caption, then "Credit: NAME"
 * and the source in parentheses, each person or agency once, and nothing
 * added when the caption already ends with the credit.
 */
export function figureCaption(media: AdminMedia): string {
  const names: string[] = [];
  const add = (name: string) => {
    const clean = name.replace(/^\s*(?:credit|photo)\s*:\s*|^\s*©\s*/i, '').trim();
    if (clean && !names.some((n) => n.toLowerCase() === clean.toLowerCase())) names.push(clean);
  };
  add(media.credit);
  for (const part of media.source.split(/\s*[/;|]\s*|\s+(?:for|via)\s+/i)) add(part);
  const caption = media.caption.trim();
  const [credit, ...rest] = names.filter((name) => !caption.toLowerCase().includes(name.toLowerCase()));
  if (!credit) return caption;
  const line = `Credit: ${credit}${rest.length ? ` (${rest.join(' / ')})` : ''}`;
  return caption ? `${caption} ${line}` : line;
}

/** The best URL to show a picture at article width. */
export function displayUrl(media: AdminMedia): string {
  const sized = [...media.renditions].filter((r) => r.format === 'jpeg' || r.format === 'jpg' || r.format === 'webp').sort((a, b) => a.width - b.width);
  return (sized.find((r) => r.width >= 800) ?? sized.at(-1))?.url ?? media.thumbnailUrl;
}
