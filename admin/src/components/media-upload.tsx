import { useRef, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, post } from '../api.ts';
import { PhotoDetails } from './photo-details.tsx';

/**
 * Upload by file input or drag-and-drop. The server decodes each file, so a
 * renamed non-image comes back as a clear error. One picture at a time is
 * followed, in the same place, by its caption, credit, source, alt text
 * (filled from the photo's IPTC/XMP data where it has some) and focal point;
 * `onUploaded` gets it once they are saved. Several at once go straight in.
 */
export function MediaUpload(props: {
  id: string;
  saveLabel?: string;
  onUploaded: (media: AdminMedia) => void;
  /** The single upload's details form was closed without saving: the picture stays in the library, unused. */
  onKept?: (media: AdminMedia) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [describing, setDescribing] = useState<AdminMedia | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files || files.length === 0) return;
    setError('');
    setDone('');
    setDescribing(null);
    setBusy(true);
    const failures: string[] = [];
    const uploaded: AdminMedia[] = [];
    // A copy: clearing the input below empties its live FileList.
    const chosen = Array.from(files);
    for (const file of chosen) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        uploaded.push(await post<AdminMedia>('/media', form));
      } catch (failure) {
        failures.push(`${file.name}: ${describeError(failure)}`);
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    if (failures.length) setError(failures.join(' '));
    if (uploaded.length === 1 && chosen.length === 1) {
      setDescribing(uploaded[0] as AdminMedia);
      setDone('Uploaded. Check the caption, credit and alt text, and click the subject to set the focal point.');
      return;
    }
    for (const media of uploaded) props.onUploaded(media);
    if (uploaded.length) setDone(`Uploaded ${uploaded.length} pictures. Add alt text to each in the library before they go on a story.`);
  }

  if (describing) {
    return (
      <div class="upload-details panel">
        <div aria-live="polite">{done && <p class="ok-text">{done}</p>}</div>
        <PhotoDetails
          key={describing.id}
          media={describing}
          idPrefix={`${props.id}-details`}
          title={`Describe “${describing.originalName}”`}
          submitLabel={props.saveLabel ?? 'Save details'}
          onSaved={(media) => {
            setDescribing(null);
            setDone('');
            props.onUploaded(media);
          }}
          onCancel={() => {
            const media = describing;
            setDescribing(null);
            setDone('The picture is in the library; its details can be added there.');
            props.onKept?.(media);
          }}
        />
      </div>
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a shortcut; the labelled file input inside is the keyboard way
    <div
      class={`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void upload(e.dataTransfer?.files ?? null);
      }}
    >
      <label for={props.id} class="dropzone-label">
        <strong>Upload pictures</strong> — drop files here or choose them (JPEG, PNG, WebP, AVIF, GIF)
      </label>
      <input ref={input} id={props.id} type="file" accept="image/*" multiple disabled={busy} onChange={(e) => void upload(e.currentTarget.files)} />
      <div aria-live="polite">
        {busy && <p class="muted">Uploading and making renditions…</p>}
        {done && <p class="ok-text">{done}</p>}
      </div>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
