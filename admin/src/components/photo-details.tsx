import { useState } from 'preact/hooks';
import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, patch } from '../api.ts';
import { announceMediaSaved } from './media-events.ts';
import { displayUrl } from './media-picker.tsx';
import './photo-details.css';

type Fields = { caption: string; credit: string; source: string; alt: string };
type Embedded = NonNullable<AdminMedia['embedded']>;

/** Which of the form's fields the file's own metadata filled (the server filled them; the form says so). */
function fromFile(media: AdminMedia, embedded: Embedded | undefined): Set<keyof Fields> {
  const filled = new Set<keyof Fields>();
  if (!embedded) return filled;
  if (media.caption && (media.caption === embedded.caption || media.caption === embedded.headline)) filled.add('caption');
  if (media.credit && [embedded.credit, embedded.creator].includes(media.credit)) filled.add('credit');
  if (media.credit && !filled.has('credit') && embedded.copyright.includes(media.credit)) filled.add('credit');
  if (media.source && [embedded.creator, embedded.source].some((name) => name && media.source.includes(name))) filled.add('source');
  if (media.alt && media.alt === embedded.alt) filled.add('alt');
  return filled;
}

const clamp = (n: number) => Math.min(Math.max(n, 0), 1);
const percent = (n: number) => `${Math.round(n * 100)}%`;

/**
 * A picture's caption, credit, source and alt text, and its focal point
 * (click on the picture, or move it with the arrow keys): what the upload
 * dialog asks for right after the file arrives, and what the library edits.
 * Fields the file's IPTC/XMP metadata filled are marked so the editor checks
 * them. Saving sends one PATCH; moving the focal point re-cuts the crops on
 * the server.
 */
export function PhotoDetails(props: {
  media: AdminMedia;
  idPrefix: string;
  submitLabel: string;
  /** Heading level text shown above the form. */
  title?: string;
  onSaved: (media: AdminMedia) => void;
  onCancel?: () => void;
}) {
  const m = props.media;
  const [fields, setFields] = useState<Fields>({ caption: m.caption, credit: m.credit, source: m.source, alt: m.alt });
  const [focal, setFocal] = useState({ x: m.focalX, y: m.focalY });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const filled = fromFile(m, m.embedded);
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const set = (name: keyof Fields) => (e: Event) => setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value });

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const moved = focal.x !== m.focalX || focal.y !== m.focalY;
      const saved = await patch<AdminMedia>(`/media/${m.id}`, { ...fields, ...(moved && { focalX: focal.x, focalY: focal.y }) });
      setMessage({ ok: true, text: 'Saved.' });
      announceMediaSaved(saved);
      props.onSaved(saved);
    } catch (failure) {
      setMessage({ ok: false, text: describeError(failure) });
    } finally {
      setBusy(false);
    }
  }

  function pick(event: MouseEvent) {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    setFocal({ x: Math.round(clamp((event.clientX - box.left) / box.width) * 1000) / 1000, y: Math.round(clamp((event.clientY - box.top) / box.height) * 1000) / 1000 });
  }

  function nudge(event: KeyboardEvent) {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setFocal({ x: Math.round(clamp(focal.x + move[0]) * 1000) / 1000, y: Math.round(clamp(focal.y + move[1]) * 1000) / 1000 });
  }

  const src = displayUrl(m);
  const position = `${percent(focal.x)} ${percent(focal.y)}`;
  const hint = (name: keyof Fields) =>
    filled.has(name) ? (
      <span class="from-file" id={id(`${name}-from-file`)}>
        From the photo’s embedded data — check it
      </span>
    ) : null;
  const describedBy = (name: keyof Fields, extra?: string) => [filled.has(name) ? id(`${name}-from-file`) : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <form class="photo-details" onSubmit={save} aria-labelledby={props.title ? id('title') : undefined}>
      {props.title && <h3 id={id('title')}>{props.title}</h3>}
      {m.restricted && <p class="banner">This picture is used by a story you cannot open, so its words are not shown to you.</p>}
      <div class="focal">
        <p class="focal-label" id={id('focal-label')}>
          Focal point: click the subject so every crop keeps it in view
        </p>
        {/* A two-dimensional slider: no native control fits, so it takes clicks and all four arrow keys itself. */}
        <div
          class="focal-frame"
          role="slider"
          aria-roledescription="focal point picker"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(focal.x * 100)}
          aria-valuetext={`${percent(focal.x)} from the left, ${percent(focal.y)} from the top`}
          tabIndex={0}
          aria-labelledby={id('focal-label')}
          aria-describedby={id('focal-value')}
          onClick={pick}
          onKeyDown={nudge}
        >
          <img src={src} alt={fields.alt || m.originalName} draggable={false} />
          <span class="focal-marker" style={`left: ${percent(focal.x)}; top: ${percent(focal.y)}`} aria-hidden="true" />
        </div>
        <p class="hint" id={id('focal-value')} aria-live="polite">
          {percent(focal.x)} from the left, {percent(focal.y)} from the top. Arrow keys move it.
        </p>
        <div class="crop-previews" aria-hidden="true">
          <figure>
            <img src={src} alt="" style={`object-position: ${position}`} class="crop-teaser" />
            <figcaption>Teaser</figcaption>
          </figure>
          <figure>
            <img src={src} alt="" style={`object-position: ${position}`} class="crop-social" />
            <figcaption>Social</figcaption>
          </figure>
        </div>
      </div>
      <div class="field">
        <label for={id('caption')}>Caption</label>
        <textarea id={id('caption')} rows={3} value={fields.caption} onInput={set('caption')} aria-describedby={describedBy('caption')} />
        {hint('caption')}
      </div>
      <div class="field">
        <label for={id('alt')}>Alt text</label>
        <input id={id('alt')} value={fields.alt} onInput={set('alt')} aria-describedby={describedBy('alt', id('alt-hint'))} />
        <span class="hint" id={id('alt-hint')}>
          What the picture shows, for readers who cannot see it. Needed before the story is published.
        </span>
        {hint('alt')}
      </div>
      <div class="two-col">
        <div class="field">
          <label for={id('credit')}>Credit</label>
          <input id={id('credit')} value={fields.credit} onInput={set('credit')} aria-describedby={describedBy('credit')} />
          {hint('credit')}
        </div>
        <div class="field">
          <label for={id('source')}>Source</label>
          <input id={id('source')} value={fields.source} onInput={set('source')} aria-describedby={describedBy('source', id('source-hint'))} />
          <span class="hint" id={id('source-hint')}>
            Photographer and agency, if not the credit.
          </span>
          {hint('source')}
        </div>
      </div>
      <div class="row">
        <button type="submit" class="button primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="button ghost" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      <div aria-live="polite">{message && <p class={message.ok ? 'ok-text' : 'banner error'}>{message.text}</p>}</div>
    </form>
  );
}
