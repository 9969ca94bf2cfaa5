import { useEffect, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError } from '../api.ts';
import { listMedia } from '../components/media-picker.tsx';
import { MediaUpload } from '../components/media-upload.tsx';
import { PhotoDetails } from '../components/photo-details.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime } from '../format.tsx';

/** The picture library: upload, search, and the caption, credit, source and alt text of each picture. */
export function MediaScreen() {
  const [items, setItems] = useState<AdminMedia[]>([]);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<AdminMedia | null>(null);
  const [error, setError] = useState('');

  async function load(search: string) {
    try {
      setItems((await listMedia(search)).items);
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => void load(''), []);

  return (
    <>
      <ScreenTitle>Media library</ScreenTitle>
      <MediaUpload
        id="library-upload"
        onUploaded={(media) => {
          setItems((current) => [media, ...current]);
          setSelected(media);
        }}
        onKept={(media) => setItems((current) => [media, ...current])}
      />
      <form
        class="row filters"
        aria-label="Search pictures"
        onSubmit={(e) => {
          e.preventDefault();
          void load(q);
        }}
      >
        <div class="field grow">
          <label for="media-q">Search caption, credit or file name</label>
          <div class="input-with-button">
            <input id="media-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            <button type="submit" class="button">
              Search
            </button>
          </div>
        </div>
      </form>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <div class={selected ? "media-layout has-details" : "media-layout"}>
        <ul class="media-grid" aria-label="Pictures">
          {items.map((media) => (
            <li key={media.id}>
              <button type="button" class="media-choice" aria-pressed={selected?.id === media.id} onClick={() => setSelected(media)}>
                <img src={media.thumbnailUrl} alt="" loading="lazy" />
                <span>{media.caption || media.originalName}</span>
                {!media.alt && !media.restricted && <span class="needs-alt">No alt text</span>}
                <span class="visually-hidden"> — edit details</span>
              </button>
            </li>
          ))}
        </ul>
        {selected && (
          <MediaDetails
            key={selected.id}
            media={selected}
            onSaved={(media) => {
              setItems((current) => current.map((m) => (m.id === media.id ? media : m)));
              setSelected(media);
            }}
          />
        )}
      </div>
      {items.length === 0 && !error && <p class="empty">No pictures yet.</p>}
    </>
  );
}

function MediaDetails(props: { media: AdminMedia; onSaved: (media: AdminMedia) => void }) {
  const m = props.media;
  return (
    <section class="panel media-details" aria-labelledby="media-details-title">
      <h2 id="media-details-title">{m.originalName}</h2>
      <p class="muted small-print">
        {m.width}×{m.height} · {m.mime} · {Math.round(m.bytes / 1024)} kB · uploaded {formatTime(m.createdAt)}
      </p>
      <PhotoDetails media={m} idPrefix="media" submitLabel="Save details" onSaved={props.onSaved} />
      {m.renditions.length > 0 && (
        <details>
          <summary>Renditions ({m.renditions.length})</summary>
          <ul class="plain-list">
            {m.renditions.map((r) => (
              <li key={r.url}>
                <a href={r.url} target="_blank" rel="noopener">
                  {r.format} {r.width}×{r.height}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
