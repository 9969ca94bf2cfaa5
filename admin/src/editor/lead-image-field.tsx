import { useEffect, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { onMediaSaved } from '../components/media-events.ts';

/**
 * The lead picture: a preview cropped as teasers crop it (around its focal
 * point), its caption and credit, a warning while it has no alt text (the
 * story cannot be published without), and buttons to choose or remove it.
 */
export function LeadImageField(props: { mediaId: number | null; media: AdminMedia | null; disabled: boolean; onChoose: () => void; onRemove: () => void }) {
  // Alt text added in the publish dialog (or the library) shows here at once.
  const [saved, setSaved] = useState<AdminMedia | null>(null);
  useEffect(() => onMediaSaved((media) => setSaved(media)), []);
  const m = saved && props.media && saved.id === props.media.id ? saved : props.media;
  return (
    <fieldset class="field" disabled={props.disabled}>
      <legend>Lead image</legend>
      {props.mediaId !== null ? (
        <figure class="lead-preview">
          {m ? (
            <img src={m.thumbnailUrl} alt={m.alt} class="lead-crop" style={`object-position: ${Math.round(m.focalX * 100)}% ${Math.round(m.focalY * 100)}%`} />
          ) : (
            <div class="lead-placeholder">Picture #{props.mediaId}</div>
          )}
          {m && (
            <figcaption>
              {m.caption || <em>No caption</em>}
              {m.credit && <span class="muted"> · {m.credit}</span>}
              {!m.alt && !m.restricted && <span class="needs-alt-note"> No alt text yet: it will be asked for when the story is published.</span>}
            </figcaption>
          )}
        </figure>
      ) : (
        <p class="muted">No lead image.</p>
      )}
      <div class="row">
        <button type="button" class="button" onClick={props.onChoose}>
          {props.mediaId !== null ? 'Change lead image' : 'Choose lead image'}
        </button>
        {props.mediaId !== null && (
          <button type="button" class="button ghost" onClick={props.onRemove}>
            Remove lead image
          </button>
        )}
      </div>
    </fieldset>
  );
}
