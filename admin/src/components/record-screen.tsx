import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError, get, patch, post } from '../api.ts';
import { ScreenTitle } from './screen-title.tsx';

export type FieldSpec<T> = {
  name: keyof T & string;
  label: string;
  hint?: string;
  /** Only when creating (e.g. an author's slug), or only when editing (e.g. disabling a user). */
  createOnly?: boolean;
  editOnly?: boolean;
  /** Left out of the request when empty, so the server picks a default (e.g. a slug made from the name). */
  omitEmpty?: boolean;
} & (
  | { kind: 'text' | 'email' | 'url' | 'textarea' }
  | { kind: 'select'; options: Array<{ value: string; label: string }>; numeric?: boolean; nullable?: boolean }
  | { kind: 'checkbox' }
);

interface Props<T extends { id: number }> {
  title: string;
  singular: string;
  path: string;
  intro?: string;
  fields: Array<FieldSpec<T>>;
  blank: Partial<T>;
  describe: (record: T) => string;
  detail?: (record: T) => ComponentChildren;
  /** Buttons shown for the record being edited (reset password, move…). */
  extra?: (record: T, reload: () => Promise<void>, say: (text: string) => void) => ComponentChildren;
  sort?: (a: T, b: T) => number;
  onChanged?: () => void;
  /** The create answer may wrap the record (e.g. a new user with a one-time password). */
  afterCreate?: (answer: unknown) => string | null;
  /** Turns the form's values into the request body (e.g. a number typed as text). */
  transform?: (body: Record<string, unknown>) => Record<string, unknown>;
}

/** A list of records with a form beside it: the pattern of the sections, authors, sponsors and users screens. */
export function RecordScreen<T extends { id: number }>(props: Props<T>) {
  const [records, setRecords] = useState<T[]>([]);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [values, setValues] = useState<Partial<T>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function reload() {
    try {
      const answer = await get<T[] | { items: T[] }>(props.path);
      const list = Array.isArray(answer) ? answer : answer.items;
      setRecords(props.sort ? [...list].sort(props.sort) : list);
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => void reload(), []);

  function open(record: T | 'new') {
    setEditing(record);
    setValues(record === 'new' ? { ...props.blank } : { ...record });
    setError('');
    setNotice('');
    requestAnimationFrame(() => document.getElementById(`record-${props.fields[0]?.name}`)?.focus());
  }

  async function save(event: Event) {
    event.preventDefault();
    setError('');
    const body: Record<string, unknown> = {};
    for (const field of props.fields) {
      if (editing !== 'new' && field.createOnly) continue;
      if (editing === 'new' && field.editOnly) continue;
      if (field.omitEmpty && (values[field.name] === '' || values[field.name] === undefined)) continue;
      body[field.name] = values[field.name];
    }
    const payload = props.transform ? props.transform(body) : body;
    try {
      if (editing === 'new') {
        const answer = await post<unknown>(props.path, payload);
        setNotice(props.afterCreate?.(answer) ?? `${props.singular} created.`);
      } else if (editing) {
        await patch<T>(`${props.path}/${editing.id}`, payload);
        setNotice(`${props.singular} saved.`);
      }
      setEditing(null);
      await reload();
      props.onChanged?.();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  const input = (field: FieldSpec<T>) => {
    const id = `record-${field.name}`;
    const value = values[field.name] as unknown;
    const set = (v: unknown) => setValues({ ...values, [field.name]: v });
    const described = field.hint ? `${id}-hint` : undefined;
    const control =
      field.kind === 'textarea' ? (
        <textarea id={id} rows={4} aria-describedby={described} value={String(value ?? '')} onInput={(e) => set(e.currentTarget.value)} />
      ) : field.kind === 'select' ? (
        <select
          id={id}
          aria-describedby={described}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => {
            const raw = e.currentTarget.value;
            set(raw === '' && field.nullable ? null : field.numeric ? Number(raw) : raw);
          }}
        >
          {field.nullable && <option value="">None</option>}
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.kind === 'checkbox' ? (
        <input id={id} type="checkbox" aria-describedby={described} checked={Boolean(value)} onChange={(e) => set(e.currentTarget.checked)} />
      ) : (
        <input id={id} type={field.kind as "text"} aria-describedby={described} value={String(value ?? '')} onInput={(e) => set(e.currentTarget.value)} />
      );
    return (
      <div class={field.kind === 'checkbox' ? 'field checkbox-field' : 'field'} key={field.name}>
        {field.kind === 'checkbox' && control}
        <label for={id}>{field.label}</label>
        {field.kind !== 'checkbox' && control}
        {field.hint && (
          <span class="hint" id={`${id}-hint`}>
            {field.hint}
          </span>
        )}
      </div>
    );
  };

  return (
    <>
      <ScreenTitle
        actions={
          <button type="button" class="button primary" onClick={() => open('new')}>
            New {props.singular.toLowerCase()}
          </button>
        }
      >
        {props.title}
      </ScreenTitle>
      {props.intro && <p class="lede">{props.intro}</p>}
      <div aria-live="polite">{notice && <p class="banner ok">{notice}</p>}</div>
      {error && !editing && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <div class="record-layout">
        <ul class="record-list" aria-label={props.title}>
          {records.map((record) => (
            <li key={record.id} class={editing !== 'new' && editing?.id === record.id ? 'selected' : ''}>
              <button type="button" class="record-button" aria-pressed={editing !== 'new' && editing?.id === record.id} onClick={() => open(record)}>
                <span class="record-name">{props.describe(record)}</span>
                {props.detail && <span class="muted block">{props.detail(record)}</span>}
              </button>
            </li>
          ))}
          {records.length === 0 && <li class="empty">None yet.</li>}
        </ul>
        {editing && (
          <form class="panel record-form" onSubmit={save} aria-labelledby="record-form-title">
            <h2 id="record-form-title">{editing === 'new' ? `New ${props.singular.toLowerCase()}` : `Edit ${props.describe(editing)}`}</h2>
            {error && (
              <p class="banner error" role="alert">
                {error}
              </p>
            )}
            {props.fields.filter((f) => (editing === 'new' ? !f.editOnly : !f.createOnly)).map(input)}
            <div class="row">
              <button type="submit" class="button primary">
                {editing === 'new' ? `Create ${props.singular.toLowerCase()}` : 'Save'}
              </button>
              <button type="button" class="button ghost" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
            {editing !== 'new' && props.extra && <div class="record-extra">{props.extra(editing, reload, setNotice)}</div>}
          </form>
        )}
      </div>
    </>
  );
}
