import { useState } from 'preact/hooks';
import type { AdminArticle, CorrectionInput } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post } from '../api.ts';
import { formatTime } from '../format.tsx';

/** Dated correction and update notes; they show on the public page and in its JSON-LD. */
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

  return (
    <section class="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections and updates</h2>
      {props.article.corrections.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="correction-list">
          {props.article.corrections.map((c) => (
            <li key={c.id}>
              <strong>{c.kind === 'correction' ? 'Correction' : 'Update'}</strong> <time dateTime={c.at}>{formatTime(c.at)}</time>
              <p>{c.text}</p>
            </li>
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
