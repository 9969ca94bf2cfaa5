import { useEffect, useState } from 'preact/hooks';
import type { AdminArticle, RevisionDiff, RevisionSummary } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post, query } from '../api.ts';
import { formatTime } from '../format.tsx';
import { type Reference, sectionLabel, useReference } from '../reference.ts';

/** A field's value as the newsroom reads it: names, not ids; a photo by its number in the library. */
function show(field: string, value: unknown, reference: Reference): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '(none)';
  if (field === 'sectionId' && typeof value === 'number') return sectionLabel(reference.sections, value);
  if (field === 'sponsorId' && typeof value === 'number') return reference.sponsors.find((s) => s.id === value)?.name ?? `Sponsor ${value}`;
  if (field === 'authorIds' && Array.isArray(value)) return value.map((id) => reference.authors.find((a) => a.id === id)?.name ?? `Author ${id}`).join(', ');
  if (field === 'leadMediaId' && typeof value === 'number') return `Photo ${value} in the media library`;
  if (field === 'label' && typeof value === 'string') return value[0]?.toUpperCase() + value.slice(1);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value;
  return String(value);
}

/** Every save is a revision: list them, compare any two, restore an old one (which makes a new revision). */
export function RevisionsPanel(props: { article: AdminArticle; flush: () => Promise<boolean>; onRestored: (article: AdminArticle) => void }) {
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState('');
  const reference = useReference();

  useEffect(() => {
    get<RevisionSummary[] | { items: RevisionSummary[] }>(`/articles/${props.article.id}/revisions`).then(
      (answer) => {
        const list = Array.isArray(answer) ? answer : answer.items;
        const newestFirst = [...list].sort((a, b) => b.revision - a.revision);
        setRevisions(newestFirst);
        setTo(String(newestFirst[0]?.revision ?? ''));
        setFrom(String(newestFirst[1]?.revision ?? newestFirst[0]?.revision ?? ''));
      },
      (failure) => setError(describeError(failure)),
    );
  }, [props.article.id, props.article.revision]);

  async function compare(event: Event) {
    event.preventDefault();
    try {
      setDiff(await get<RevisionDiff>(`/articles/${props.article.id}/diff${query({ from, to })}`));
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function restore(revision: number) {
    if (!window.confirm(`Restore revision ${revision}? It becomes a new revision; nothing is lost.`)) return;
    try {
      await props.flush();
      props.onRestored(await post<AdminArticle>(`/articles/${props.article.id}/revisions/${revision}/restore`));
      setDiff(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const options = revisions.map((r) => (
    <option key={r.revision} value={String(r.revision)}>
      {r.revision} · {formatTime(r.at)}
    </option>
  ));
  return (
    <section class="panel" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <ol class="revision-list" reversed>
        {revisions.slice(0, 12).map((r) => (
          <li key={r.revision}>
            <div>
              <strong>#{r.revision}</strong> {formatTime(r.at)}
              {r.by && <span class="muted"> · {r.by}</span>}
            </div>
            <div class="muted small-print">{(r.changes ?? []).join(' · ') || 'Saved'}</div>
            {r.revision !== props.article.revision && (
              <button type="button" class="button ghost small" onClick={() => void restore(r.revision)}>
                Restore #{r.revision}
              </button>
            )}
          </li>
        ))}
      </ol>
      {revisions.length > 1 && (
        <form class="compare-form" onSubmit={compare}>
          <div class="field">
            <label for="diff-from">From revision</label>
            <select id="diff-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
              {options}
            </select>
          </div>
          <div class="field">
            <label for="diff-to">To revision</label>
            <select id="diff-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
              {options}
            </select>
          </div>
          <button type="submit" class="button">
            Compare
          </button>
        </form>
      )}
      {diff && (
        <div class="diff" aria-live="polite">
          <h3>
            Changes from #{diff.from} to #{diff.to}
          </h3>
          {diff.fields.length === 0 && <p class="muted">No differences.</p>}
          <dl>
            {diff.fields
              .filter((f) => f.field !== 'bodyHtml')
              .map((f) => (
                <div key={f.field} class="diff-field">
                  <dt>{f.label}</dt>
                  <dd>
                    <del>{show(f.field, f.before, reference)}</del> <ins>{show(f.field, f.after, reference)}</ins>
                  </dd>
                </div>
              ))}
          </dl>
          {diff.bodyDiff.some(([op]) => op !== 0) && (
            <>
              <h4>Story text</h4>
              <p class="word-diff">
                {diff.bodyDiff.map(([op, text], i) =>
                  op === 0 ? <span key={i}>{text}</span> : op === 1 ? <ins key={i}>{text}</ins> : <del key={i}>{text}</del>,
                )}
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
