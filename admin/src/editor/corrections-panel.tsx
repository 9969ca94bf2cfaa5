import { useState } from 'preact/hooks';
import type { AdminArticle, AdminCorrection, CorrectionEditInput, CorrectionInput } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, patch, post } from '../api.ts';
import { Time } from '../format.tsx';
import './corrections-panel.css';

const kindName = (kind: AdminCorrection['kind']) => (kind === 'correction' ? 'Correction' : 'Update');

/**
 * Dated correction and update notes; they show on the public page and in its JSON-LD.
 * The desk can reword a note: the page then says it was updated, and every earlier wording stays listed here.
 */
export function CorrectionsPanel(props: { article: AdminArticle; canAdd: boolean; onChanged: (article: AdminArticle) => void }) {
  const [kind, setKind] = useState<CorrectionInput['kind']>('correction');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function add(event: Event) {
    event.preventDefault();
    if (!text.trim()) {
      setError('Write what was corrected or updated.');
      return;
    }
    setBusy(true);
    try {
      await post(`/articles/${props.article.id}/corrections`, { kind, text: text.trim() } satisfies CorrectionInput);
      // The answer may be the note or the story; the story is the source of truth either way.
      props.onChanged(await get<AdminArticle>(`/articles/${props.article.id}`));
      setText('');
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  const canEdit = props.canAdd && props.article.status !== 'withdrawn';
  return (
    <section class="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections and updates</h2>
      {props.article.corrections.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="correction-list">
          {props.article.corrections.map((c) => (
            <CorrectionNote key={c.id} articleId={props.article.id} note={c} canEdit={canEdit} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
      {props.canAdd && props.article.status === 'published' && (
        <form onSubmit={add} class="stack">
          {error && (
            <p class="banner error" role="alert">
              {error}
            </p>
          )}
          <fieldset class="inline-radios">
            <legend>Kind</legend>
            <label>
              <input type="radio" name="correction-kind" value="correction" checked={kind === 'correction'} onChange={() => setKind('correction')} /> Correction
            </label>
            <label>
              <input type="radio" name="correction-kind" value="update" checked={kind === 'update'} onChange={() => setKind('update')} /> Update
            </label>
          </fieldset>
          <div class="field">
            <label for="correction-text">Note</label>
            <textarea id="correction-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </div>
          <button type="submit" class="button" disabled={busy}>
            Add {kind}
          </button>
        </form>
      )}
    </section>
  );
}

/** One note: its wording, when it was added and last reworded, its earlier wordings, and (for the desk) Edit. */
function CorrectionNote(props: { articleId: number; note: AdminCorrection; canEdit: boolean; onChanged: (article: AdminArticle) => void }) {
  const { note } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const fieldId = `note-${note.id}-text`;

  async function save(event: Event) {
    event.preventDefault();
    if (!text.trim()) {
      setError('The note cannot be empty. Write what was corrected, or cancel.');
      return;
    }
    setBusy(true);
    try {
      props.onChanged(await patch<AdminArticle>(`/articles/${props.articleId}/corrections/${note.id}`, { text: text.trim() } satisfies CorrectionEditInput));
      setEditing(false);
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  const history = note.history ?? [];
  return (
    <li>
      <strong>{kindName(note.kind)}</strong> <Time at={note.at} />
      {note.editedAt && (
        <span class="muted">
          {' '}
          · reworded <Time at={note.editedAt} />
        </span>
      )}
      {editing ? (
        <form class="stack" onSubmit={save}>
          {error && (
            <p class="banner error" role="alert">
              {error}
            </p>
          )}
          <div class="field">
            <label for={fieldId}>New wording</label>
            <textarea id={fieldId} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <span class="hint">Readers see that the note was updated, and when. The earlier wording is kept here.</span>
          </div>
          <div class="row">
            <button type="submit" class="button" disabled={busy}>
              Save the new wording
            </button>
            <button
              type="button"
              class="button ghost"
              onClick={() => {
                setEditing(false);
                setText(note.text);
                setError('');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>{note.text}</p>
          {props.canEdit && (
            <button
              type="button"
              class="button ghost small"
              onClick={() => {
                setText(note.text);
                setEditing(true);
              }}
            >
              Edit<span class="visually-hidden"> the {kindName(note.kind).toLowerCase()} of <Time at={note.at} /></span>
            </button>
          )}
        </>
      )}
      {history.length > 0 && (
        <details class="note-history">
          <summary>
            Earlier wording{history.length === 1 ? '' : `s (${history.length})`}
          </summary>
          <ol>
            {history.map((h) => (
              <li key={h.replacedAt}>
                <p>{h.text}</p>
                <p class="muted small-print">
                  Shown from <Time at={h.shownFrom} /> until <Time at={h.replacedAt} />
                  {h.by && <> · reworded by {h.by}</>}
                </p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
