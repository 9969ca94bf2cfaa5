import { useRef, useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, post } from '../api.ts';

/** Upload by file input or drag-and-drop. The server decodes each file, so a renamed non-image comes back as a clear error. */
export function MediaUpload(props: { id: string; onUploaded: (media: AdminMedia) => void }) {
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const input = useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files || files.length === 0) return;
    setError('');
    setDone('');
    setBusy(true);
    const failures: string[] = [];
    let uploaded = 0;
    for (const file of Array.from(files)) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        props.onUploaded(await post<AdminMedia>('/media', form));
        uploaded++;
      } catch (failure) {
        failures.push(`${file.name}: ${describeError(failure)}`);
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    if (failures.length) setError(failures.join(' '));
    if (uploaded) setDone(`Uploaded ${uploaded} ${uploaded === 1 ? 'picture' : 'pictures'}.`);
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
