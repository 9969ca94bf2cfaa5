import { useEffect, useState } from 'preact/hooks';
import { describeError, get, patch, post, query } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';

type Kind = 'person' | 'organization' | 'place';
type Status = 'suggested' | 'confirmed' | 'removed';

interface EntityRow {
  id: number;
  slug: string;
  name: string;
  kind: Kind;
  description: string;
  status: Status;
  path: string;
  stories: number;
  aliases: string[];
}

const TABS: Array<{ status: Status; label: string }> = [
  { status: 'suggested', label: 'Suggestions' },
  { status: 'confirmed', label: 'Confirmed' },
  { status: 'removed', label: 'Removed' },
];
const KIND_LABEL: Record<Kind, string> = { person: 'Person', organization: 'Organization', place: 'Place' };
const PAGE = 50;

/**
 * People, organizations and places (editors): confirm or remove what the
 * extractor suggests, rename, describe, add aliases ("Kim" for "Kim Jong
 * Un"), merge duplicates. Confirmed entities get topic pages.
 */
export function EntitiesScreen() {
  const [status, setStatus] = useState<Status>('suggested');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<EntityRow[]>([]);
  const [total, setTotal] = useState(0);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    get<{ items: EntityRow[]; total: number }>(`/entities${query({ status, q: q || undefined, limit: PAGE, offset })}`).then(
      (r) => {
        setRows(r.items);
        setTotal(r.total);
        setError('');
      },
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), [status, offset]);

  const act = (promise: Promise<unknown>, message: string) =>
    promise.then(
      () => {
        setDone(message);
        setError('');
        setEditing(null);
        void load();
      },
      (e) => {
        setDone('');
        setError(describeError(e));
      },
    );

  return (
    <>
      <ScreenTitle>Entities</ScreenTitle>
      <p class="muted">
        The people, organizations and places stories name. An entity the wire names, or one found in two published stories, is confirmed on its own; the rest wait
        here. Confirmed entities have a topic page and link from every story that names them.
      </p>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="banner ok" role="status">
          {done}
        </p>
      )}
      <div class="toolbar">
        <fieldset class="row entity-tabs">
          <legend class="visually-hidden">Show</legend>
          {TABS.map((tab) => (
            <button
              key={tab.status}
              type="button"
              class="button small"
              aria-pressed={status === tab.status}
              onClick={() => {
                setStatus(tab.status);
                setOffset(0);
              }}
            >
              {tab.label}
            </button>
          ))}
        </fieldset>
        <search>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            setOffset(0);
            void load();
          }}
        >
          <label for="entity-search" class="visually-hidden">
            Find by name or alias
          </label>
          <input id="entity-search" type="search" placeholder="Find by name or alias" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit" class="button small">
            Find
          </button>
        </form>
        </search>
      </div>
      <table class="data-table">
        <caption class="visually-hidden">{TABS.find((t) => t.status === status)?.label}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Stories</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} class="muted">
                Nothing here.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <strong>{row.name}</strong>
                {row.aliases.length > 0 && <div class="muted">Also: {row.aliases.join(', ')}</div>}
                {row.description && <div class="muted">{row.description}</div>}
                {editing === row.id && <EntityEditor row={row} onAct={act} />}
              </td>
              <td>{KIND_LABEL[row.kind]}</td>
              <td>{row.stories}</td>
              <td class="actions">
                {row.status !== 'confirmed' && (
                  <button type="button" class="button small primary" onClick={() => act(patch(`/entities/${row.id}`, { status: 'confirmed' }), `${row.name} is confirmed.`)}>
                    Confirm<span class="visually-hidden"> {row.name}</span>
                  </button>
                )}
                {row.status !== 'removed' && (
                  <button type="button" class="button small ghost" onClick={() => act(patch(`/entities/${row.id}`, { status: 'removed' }), `${row.name} is removed; it will not be suggested again.`)}>
                    Remove<span class="visually-hidden"> {row.name}</span>
                  </button>
                )}
                <button type="button" class="button small ghost" aria-expanded={editing === row.id} onClick={() => setEditing(editing === row.id ? null : row.id)}>
                  Edit<span class="visually-hidden"> {row.name}</span>
                </button>
                {row.status === 'confirmed' && (
                  <a class="button small ghost" href={row.path} target="_blank" rel="noopener">
                    Topic page<span class="visually-hidden"> of {row.name}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <button type="button" class="button small ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <span class="muted">
          {total === 0 ? 'None' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <button type="button" class="button small ghost" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </div>
    </>
  );
}

function EntityEditor({ row, onAct }: { row: EntityRow; onAct: (p: Promise<unknown>, message: string) => void }) {
  const [name, setName] = useState(row.name);
  const [kind, setKind] = useState<Kind>(row.kind);
  const [description, setDescription] = useState(row.description);
  const [alias, setAlias] = useState('');
  const [into, setInto] = useState('');
  const [matches, setMatches] = useState<EntityRow[]>([]);
  const id = (what: string) => `entity-${row.id}-${what}`;
  useEffect(() => {
    if (into.trim().length < 2) return setMatches([]);
    const timer = setTimeout(() => {
      get<{ items: EntityRow[] }>(`/entities${query({ status: 'confirmed', q: into, limit: 8 })}`).then(
        (r) => setMatches(r.items.filter((m) => m.id !== row.id)),
        () => setMatches([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [into]);
  return (
    <div class="stack entity-editor">
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onAct(patch(`/entities/${row.id}`, { name, kind, description }), `${name} is saved.`);
        }}
      >
        <div class="field">
          <label for={id('name')}>Name</label>
          <input id={id('name')} value={name} maxLength={120} required onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('kind')}>Kind</label>
          <select id={id('kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <option value="person">Person</option>
            <option value="organization">Organization</option>
            <option value="place">Place</option>
          </select>
        </div>
        <div class="field">
          <label for={id('description')}>Short description (on the topic page)</label>
          <textarea id={id('description')} value={description} maxLength={500} rows={2} onInput={(e) => setDescription(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button small primary">
          Save
        </button>
      </form>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          onAct(post(`/entities/${row.id}/aliases`, { name: alias }), `“${alias}” now means ${row.name}.`);
        }}
      >
        <div class="field">
          <label for={id('alias')}>Add another name</label>
          <input id={id('alias')} value={alias} maxLength={120} required onInput={(e) => setAlias(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button small">
          Add alias
        </button>
      </form>
      {row.aliases.map((a) => (
        <button key={a} type="button" class="button small ghost" onClick={() => onAct(post(`/entities/${row.id}/aliases/remove`, { name: a }), `“${a}” no longer means ${row.name}.`)}>
          Forget “{a}”
        </button>
      ))}
      <div class="field">
        <label for={id('merge')}>Merge into (the same person, organization or place)</label>
        <input id={id('merge')} type="search" value={into} placeholder="Type a confirmed name" onInput={(e) => setInto(e.currentTarget.value)} />
      </div>
      {matches.map((m) => (
        <button key={m.id} type="button" class="button small" onClick={() => onAct(post(`/entities/${row.id}/merge`, { into: m.id }), `${row.name} is merged into ${m.name}.`)}>
          Merge into {m.name}
        </button>
      ))}
    </div>
  );
}
