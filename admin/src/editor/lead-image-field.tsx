import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';

/** The lead picture: a preview with its caption and credit, and buttons to choose or remove it. */
export function LeadImageField(props: { mediaId: number | null; media: AdminMedia | null; disabled: boolean; onChoose: () => void; onRemove: () => void }) {
  return (
    <fieldset class="field" disabled={props.disabled}>
      <legend>Lead image</legend>
      {props.mediaId !== null ? (
        <figure class="lead-preview">
          {props.media ? <img src={props.media.thumbnailUrl} alt={props.media.alt} /> : <div class="lead-placeholder">Picture #{props.mediaId}</div>}
          {props.media && (
            <figcaption>
              {props.media.caption || <em>No caption</em>}
              {props.media.credit && <span class="muted"> · {props.media.credit}</span>}
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
