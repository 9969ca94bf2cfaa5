import { useState } from 'preact/hooks';
import type { AdminAuthor } from '../../../src/newsroom/admin-api-contract.ts';

/**
 * The byline: several authors in order, reordered with buttons (keyboard-friendly, no drag needed).
 * `allowed` is who this user may add (null: anyone, for editors); the server enforces the same rule.
 */
export function AuthorsField(props: {
  authors: AdminAuthor[];
  value: number[];
  disabled: boolean;
  allowed: number[] | null;
  /** Said under the field when a writer cannot add anyone (their account is not linked to an author). */
  unlinked?: boolean;
  onChange: (ids: number[]) => void;
}) {
  const [adding, setAdding] = useState('');
  const name = (id: number) => props.authors.find((a) => a.id === id)?.name ?? `Author ${id}`;
  const move = (index: number, by: number) => {
    const next = [...props.value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    props.onChange(next);
  };
  const allowed = props.allowed;
  const available = props.authors.filter((a) => !props.value.includes(a.id) && (allowed === null || allowed.includes(a.id)));
  return (
    <fieldset class="field" disabled={props.disabled}>
      <legend>Byline</legend>
      {props.value.length === 0 && <p class="muted">No author yet.</p>}
      <ol class="byline-list">
        {props.value.map((id, index) => (
          <li key={id}>
            <span class="byline-name">{name(id)}</span>
            <button type="button" class="button ghost small" aria-label={`Move ${name(id)} earlier`} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </button>
            <button
              type="button"
              class="button ghost small"
              aria-label={`Move ${name(id)} later`}
              disabled={index === props.value.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </button>
            <button type="button" class="button ghost small" aria-label={`Remove ${name(id)}`} onClick={() => props.onChange(props.value.filter((x) => x !== id))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      {props.unlinked && (
        <p class="hint" id="byline-unlinked">
          Your account is not linked to an author yet, so you cannot sign stories. Ask an admin to link you on the Users screen.
        </p>
      )}
      {allowed !== null && !props.unlinked && available.length === 0 && props.value.length > 0 && (
        <p class="hint">Only an editor can add other people to the byline.</p>
      )}
      {available.length > 0 && (
      <div class="input-with-button">
        <label for="add-author" class="visually-hidden">
          Add an author
        </label>
        <select id="add-author" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
          <option value="">Add an author…</option>
          {available.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="button"
          disabled={!adding}
          onClick={() => {
            props.onChange([...props.value, Number(adding)]);
            setAdding('');
          }}
        >
          Add
        </button>
      </div>
      )}
    </fieldset>
  );
}
