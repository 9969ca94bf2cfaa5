import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminArticleList, AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import type { AdminFront, AdminFrontSlot, AdminFrontSummary, AdminPinInput } from '../../../src/newsroom/fronts/front-contract.ts';
import { api, describeError, get, post, query } from '../api.ts';
import { MediaPicker } from '../components/media-picker.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';

/** How long a pin may last, as the desk thinks of it. */
const DURATIONS: Array<{ label: string; hours: number | null }> = [
  { label: 'Until changed', hours: null },
  { label: '1 hour', hours: 1 },
  { label: '3 hours', hours: 3 },
  { label: '6 hours', hours: 6 },
  { label: '12 hours', hours: 12 },
  { label: '1 day', hours: 24 },
  { label: '2 days', hours: 48 },
  { label: '1 week', hours: 168 },
];

const slotName = (slot: AdminFrontSlot) => (slot.role === 'lead' ? 'Lead story' : `Top story ${slot.slot}`);

/**
 * Fronts (editors and admins): what leads the home page and each section
 * front. Each slot shows what readers see there now; an editor pins a story
 * (with a front-only headline, photo and end), unpins it, or moves it — by
 * dragging, or with the Move up / Move down buttons from the keyboard.
 */
export function FrontsScreen() {
  const [fronts, setFronts] = useState<AdminFrontSummary[]>([]);
  const [key, setKey] = useState('home');
  const [front, setFront] = useState<AdminFront | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [dragFrom, setDragFrom] = useState<number | null>(null);

  async function loadList() {
    try {
      setFronts((await get<{ items: AdminFrontSummary[] }>('/fronts')).items);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function load(which: string) {
    try {
      setFront(await get<AdminFront>(`/fronts/${encodeURIComponent(which)}`));
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  useEffect(() => {
    void loadList();
  }, []);
  useEffect(() => {
    setEditing(null);
    void load(key);
  }, [key]);

  /** Runs a change; the answer is the front as it is now. */
  async function change(work: () => Promise<AdminFront>, said: string) {
    try {
      setFront(await work());
      setError('');
      setMessage(said);
      void loadList();
    } catch (failure) {
      setError(describeError(failure));
      setMessage('');
    }
  }

  const move = (from: number, to: number) => {
    const headline = front?.slots[from]?.shown?.headline ?? 'The story';
    return change(() => post<AdminFront>(`/fronts/${key}/move`, { from, to }), `“${headline}” moved to slot ${to + 1}. The front is updated for readers.`);
  };
  const unpin = (slot: AdminFrontSlot) =>
    change(() => api<AdminFront>('DELETE', `/fronts/${key}/slots/${slot.slot}`), `${slotName(slot)} unpinned: it fills itself with the newest story again.`);

  return (
    <>
      <ScreenTitle>Fronts</ScreenTitle>
      <p class="lede">
        Choose what leads. A pinned story keeps its slot until its end time; every other slot fills itself with the newest story of the front (one with a photo
        where the slot shows one). Changes reach readers at once.
      </p>
      <div class="row front-picker">
        <label class="field">
          <span>Front</span>
          <select value={key} onChange={(event) => setKey((event.target as HTMLSelectElement).value)}>
            {fronts.map((f) => (
              <option key={f.key} value={f.key}>
                {f.name}
                {f.pinned > 0 ? ` (${f.pinned} pinned)` : ''}
              </option>
            ))}
          </select>
        </label>
        {front && (
          <a class="button ghost" href={front.path} target="_blank" rel="noopener">
            View {front.name} as readers see it
          </a>
        )}
      </div>
      <p class="status-line" aria-live="polite">
        {message}
      </p>
      {error && (
        <div class="banner error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {front && (
        <ol class="front-slots" aria-label={`Slots on ${front.name}`}>
          {front.slots.map((slot) => (
            <li
              key={slot.slot}
              class={`front-slot${dragFrom === slot.slot ? ' dragging' : ''}`}
              draggable={slot.shown !== null}
              onDragStart={(event) => {
                setDragFrom(slot.slot);
                event.dataTransfer?.setData('text/plain', String(slot.slot));
              }}
              onDragEnd={() => setDragFrom(null)}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const from = Number(event.dataTransfer?.getData('text/plain') ?? dragFrom);
                setDragFrom(null);
                if (Number.isInteger(from) && from !== slot.slot) void move(from, slot.slot);
              }}
            >
              <SlotCard
                slot={slot}
                last={slot.slot === front.slots.length - 1}
                onEdit={() => setEditing(slot.slot)}
                onUnpin={() => void unpin(slot)}
                onMove={(to) => void move(slot.slot, to)}
              />
              {editing === slot.slot && (
                <PinForm
                  slot={slot}
                  frontName={front.name}
                  onCancel={() => setEditing(null)}
                  onSave={async (input, said) => {
                    await change(() => api<AdminFront>('PUT', `/fronts/${key}/slots/${slot.slot}`, input), said);
                    setEditing(null);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function SlotCard(props: { slot: AdminFrontSlot; last: boolean; onEdit: () => void; onUnpin: () => void; onMove: (to: number) => void }) {
  const { slot } = props;
  const shown = slot.shown;
  const pin = slot.pin;
  const headline = shown?.headline ?? 'Empty';
  return (
    <div class="front-slot-card">
      <div class="front-slot-thumb">{shown?.thumbnailUrl ? <img src={shown.thumbnailUrl} alt="" width={120} height={80} /> : <span class="hint">No photo</span>}</div>
      <div class="front-slot-body">
        <h2 class="front-slot-name">
          {slotName(slot)}
          <span class={`front-slot-badge${shown?.pinned ? ' pinned' : ''}`}>{shown?.pinned ? 'Pinned' : 'Automatic'}</span>
        </h2>
        <p class="front-slot-headline">
          {shown ? (
            <a href={shown.path} target="_blank" rel="noopener">
              {headline}
            </a>
          ) : (
            <span class="muted">No story to show yet: this slot is left out of the page.</span>
          )}
        </p>
        {pin?.live && (
          <p class="hint">
            {pin.headline ? `Front-only headline; the story’s own is “${pin.storyHeadline}”. ` : ''}
            {pin.mediaId ? 'Front photo. ' : ''}
            {pin.expiresAtText ? `Pinned until ${pin.expiresAtText}.` : 'Pinned until changed.'}
          </p>
        )}
        {!shown?.pinned && <p class="hint">{slot.needsPhoto ? 'The newest story with a photo.' : 'The newest story not shown above.'}</p>}
        {pin && !pin.live && (
          <p class="banner warn">
            “{pin.storyHeadline}” is pinned here but not shown: {pin.hiddenReason}
          </p>
        )}
        <div class="row front-slot-actions">
          <button type="button" class="button small" onClick={props.onEdit} aria-label={`Pin a story as ${slotName(slot).toLowerCase()}`}>
            {pin ? 'Change pin' : 'Pin a story'}
          </button>
          {pin && (
            <button type="button" class="button ghost small" onClick={props.onUnpin} aria-label={`Unpin ${slotName(slot).toLowerCase()}`}>
              Unpin
            </button>
          )}
          <button
            type="button"
            class="button ghost small"
            disabled={slot.slot === 0 || !shown}
            onClick={() => props.onMove(slot.slot - 1)}
            aria-label={`Move “${headline}” up to slot ${slot.slot}`}
          >
            Move up
          </button>
          <button
            type="button"
            class="button ghost small"
            disabled={props.last || !shown}
            onClick={() => props.onMove(slot.slot + 1)}
            aria-label={`Move “${headline}” down to slot ${slot.slot + 2}`}
          >
            Move down
          </button>
        </div>
      </div>
    </div>
  );
}

type Found = AdminArticleList['items'][number];

function PinForm(props: { slot: AdminFrontSlot; frontName: string; onCancel: () => void; onSave: (input: AdminPinInput, said: string) => Promise<void> }) {
  const { slot } = props;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [searchError, setSearchError] = useState('');
  const [chosen, setChosen] = useState<{ id: number; headline: string } | null>(
    slot.pin ? { id: slot.pin.articleId, headline: slot.pin.storyHeadline } : null,
  );
  const [headline, setHeadline] = useState(slot.pin?.headline ?? '');
  const [photo, setPhoto] = useState<{ id: number; label: string } | null>(slot.pin?.mediaId ? { id: slot.pin.mediaId, label: 'the front photo chosen before' } : null);
  const [picking, setPicking] = useState(false);
  const [hours, setHours] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const formId = `pin-${slot.slot}`;

  async function search(words: string) {
    try {
      const list = await get<AdminArticleList>(`/articles${query({ status: 'published', q: words.trim(), limit: 8 })}`);
      setFound(list.items.filter((item) => item.label !== 'sponsored'));
      setSearchError('');
    } catch (failure) {
      setSearchError(describeError(failure));
    }
  }

  useEffect(() => {
    searchRef.current?.focus();
    void search('');
  }, []);

  return (
    <form
      class="panel front-pin-form"
      aria-labelledby={`${formId}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!chosen) {
          setSearchError('Choose the story to pin first: search for it and press its “Choose” button.');
          return;
        }
        const duration = DURATIONS.find((d) => String(d.hours) === hours)?.hours ?? null;
        const expiresAt = duration ? new Date(Date.now() + duration * 3_600_000).toISOString() : null;
        setSaving(true);
        await props.onSave(
          { articleId: chosen.id, headline: headline.trim() || null, mediaId: photo?.id ?? null, expiresAt },
          `“${chosen.headline}” pinned as ${slotName(slot).toLowerCase()} on ${props.frontName}.`,
        );
        setSaving(false);
      }}
    >
      <h2 id={`${formId}-title`}>
        {slotName(slot)} on {props.frontName}
      </h2>
      <div class="field">
        <label for={`${formId}-q`}>Find a published story</label>
        <div class="input-with-button">
          <input
            id={`${formId}-q`}
            ref={searchRef}
            type="search"
            value={q}
            placeholder="Words of the headline"
            onInput={(event) => setQ((event.target as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void search(q);
              }
            }}
          />
          <button type="button" class="button" onClick={() => void search(q)}>
            Search
          </button>
        </div>
        {searchError && (
          <p class="banner error" role="alert">
            {searchError}
          </p>
        )}
        <ul class="plain-list front-found" aria-label="Stories found">
          {found.length === 0 && <li class="hint">No published story matches.</li>}
          {found.map((item) => (
            <li key={item.id}>
              <span>{item.headline}</span>
              <button
                type="button"
                class={`button small${chosen?.id === item.id ? ' primary' : ''}`}
                aria-pressed={chosen?.id === item.id}
                aria-label={`Choose “${item.headline}”`}
                onClick={() => setChosen({ id: item.id, headline: item.headline })}
              >
                {chosen?.id === item.id ? 'Chosen' : 'Choose'}
              </button>
            </li>
          ))}
        </ul>
        <p class="hint" aria-live="polite">
          {chosen ? `To pin: “${chosen.headline}”.` : 'No story chosen yet.'}
        </p>
      </div>
      <div class="field">
        <label for={`${formId}-headline`}>Front headline (optional)</label>
        <input id={`${formId}-headline`} type="text" maxLength={160} value={headline} onInput={(event) => setHeadline((event.target as HTMLInputElement).value)} />
        <span class="hint">Shown on this front only; leave empty for the story’s own headline.</span>
      </div>
      <fieldset class="field">
        <legend>Front photo (optional)</legend>
        <div class="row">
          <span class="hint">{photo ? `Using ${photo.label}.` : 'The story’s own lead photo.'}</span>
          <button type="button" class="button small" onClick={() => setPicking(true)}>
            Choose a photo…
          </button>
          {photo && (
            <button type="button" class="button ghost small" onClick={() => setPhoto(null)}>
              Use the story’s photo
            </button>
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for={`${formId}-hours`}>Pin for</label>
        <select id={`${formId}-hours`} value={hours} onChange={(event) => setHours((event.target as HTMLSelectElement).value)}>
          {DURATIONS.map((d) => (
            <option key={d.label} value={d.hours === null ? '' : String(d.hours)}>
              {d.label}
            </option>
          ))}
        </select>
        <span class="hint">When the time is up, the slot fills itself again.</span>
      </div>
      <div class="row">
        <button type="submit" class="button primary" disabled={saving}>
          {saving ? 'Pinning…' : 'Pin story'}
        </button>
        <button type="button" class="button ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {picking && (
        <MediaPicker
          title="Front photo"
          onPick={(media: AdminMedia) => {
            setPhoto({ id: media.id, label: media.caption ? `“${media.caption.slice(0, 60)}”` : media.originalName });
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </form>
  );
}
