import { useEffect, useState } from 'preact/hooks';
import type { AdminArticle, AdminArticleList, AdminLabel, AdminStatus } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post, query } from '../api.ts';
import { Link } from '../components/link.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime, STATUS_LABELS, StatusBadge } from '../format.tsx';
import { sectionLabel, useReference } from '../reference.ts';
import { navigate, routeParams } from '../router.ts';
import './story-list.css';

const FILTERS = ['status', 'section', 'author', 'label', 'q'] as const;
const LABELS: AdminLabel[] = ['news', 'opinion', 'analysis', 'sponsored'];

export function StoryList(props: { route: string }) {
  const params = routeParams(props.route);
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const reference = useReference();
  const [items, setItems] = useState<AdminArticleList['items']>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [search, setSearch] = useState(filters.q);
  const key = FILTERS.map((f) => filters[f]).join('|');
  const views = useStoryViews(items.map((i) => i.id));

  useEffect(() => {
    let live = true;
    setState('loading');
    get<AdminArticleList>(`/articles${query({ ...filters, limit: 50 })}`).then(
      (list) => {
        if (!live) return;
        setItems(list.items);
        setNextCursor(list.nextCursor);
        setState('ready');
      },
      (failure) => {
        if (!live) return;
        setError(describeError(failure));
        setState('error');
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(text ? `/?${text}` : '/', { replace: true });
  }

  async function loadMore() {
    if (!nextCursor) return;
    const list = await get<AdminArticleList>(`/articles${query({ ...filters, cursor: nextCursor, limit: 50 })}`);
    setItems((current) => [...current, ...list.items]);
    setNextCursor(list.nextCursor);
  }

  const authorName = (id: number) => reference.authors.find((a) => a.id === id)?.name ?? `Author ${id}`;

  return (
    <>
      <ScreenTitle actions={<NewStory />}>Stories</ScreenTitle>
      <form
        class="filters"
       
        aria-label="Filter stories"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', search.trim());
        }}
      >
        <div class="field grow">
          <label for="filter-q">Search headlines</label>
          <div class="input-with-button">
            <input id="filter-q" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
            <button type="submit" class="button">
              Search
            </button>
          </div>
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" value={filters.status} onChange={(e) => setFilter('status', e.currentTarget.value)}>
            <option value="">Any status</option>
            {(Object.keys(STATUS_LABELS) as AdminStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-section">Section</label>
          <select id="filter-section" value={filters.section} onChange={(e) => setFilter('section', e.currentTarget.value)}>
            <option value="">Any section</option>
            {reference.sections.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {sectionLabel(reference.sections, s.id)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-author">Author</label>
          <select id="filter-author" value={filters.author} onChange={(e) => setFilter('author', e.currentTarget.value)}>
            <option value="">Any author</option>
            {reference.authors.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-label">Label</label>
          <select id="filter-label" value={filters.label} onChange={(e) => setFilter('label', e.currentTarget.value)}>
            <option value="">Any label</option>
            {LABELS.map((l) => (
              <option key={l} value={l}>
                {l[0]!.toUpperCase() + l.slice(1)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {state === 'error' && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <p class="visually-hidden" role="status">
        {state === 'loading' ? 'Loading stories…' : state === 'ready' ? `${items.length}${nextCursor ? '+' : ''} stories` : ''}
      </p>
      {state === 'ready' && items.length === 0 && <p class="empty">No stories match these filters.</p>}
      {items.length > 0 && (
        <table class="data-table story-table">
          <caption class="visually-hidden">Stories, most recently changed first</caption>
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">Section</th>
              <th scope="col">Authors</th>
              <th scope="col">Label</th>
              <th scope="col">Changed</th>
              <th scope="col">Views (7 days)</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td class="headline-cell">
                  <Link to={`/stories/${item.id}`}>{item.headline || 'Untitled story'}</Link>
                  {item.status === 'scheduled' && item.scheduledAt && <span class="muted block">Goes out {formatTime(item.scheduledAt)}</span>}
                </td>
                <td data-label="Status">
                  <StatusBadge status={item.status} />
                </td>
                <td data-label="Section">{sectionLabel(reference.sections, item.sectionId)}</td>
                <td data-label="Authors">{item.authorIds.map(authorName).join(', ') || '—'}</td>
                <td data-label="Label">
                  <span class={`label label-${item.label}`}>{item.label}</span>
                </td>
                <td data-label="Changed">
                  <time dateTime={item.modifiedAt}>{formatTime(item.modifiedAt)}</time>
                </td>
                <td data-label="Views (7 days)">{views[item.id] ? `${views[item.id]!.views} (${views[item.id]!.visitors} visitors)` : item.status === 'published' ? '0' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <button type="button" class="button" onClick={() => void loadMore()}>
            Show more stories
          </button>
        </p>
      )}
    </>
  );
}

/** "New story": a headline and a section make a draft, then the editor opens. */
function NewStory() {
  const reference = useReference();
  const [open, setOpen] = useState(false);
  const [headline, setHeadline] = useState('');
  const [sectionId, setSectionId] = useState('');
  const [error, setError] = useState('');

  async function create(event: Event) {
    event.preventDefault();
    setError('');
    const section = sectionId || String(reference.sections[0]?.id ?? '');
    try {
      const article = await post<AdminArticle>('/articles', { headline: headline.trim(), ...(section && { sectionId: Number(section) }) });
      navigate(`/stories/${article.id}`);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  if (!open) {
    return (
      <button type="button" class="button primary" onClick={() => setOpen(true)}>
        New story
      </button>
    );
  }
  return (
    <form class="new-story" onSubmit={create} aria-label="New story">
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <div class="field">
        <label for="new-headline">Headline</label>
        {/* biome-ignore lint/a11y/noAutofocus: the form opens on request, so focus belongs in it */}
        <input id="new-headline" required autoFocus value={headline} onInput={(e) => setHeadline(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="new-section">Section</label>
        <select id="new-section" value={sectionId} onChange={(e) => setSectionId(e.currentTarget.value)}>
          {reference.sections.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {sectionLabel(reference.sections, s.id)}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <button type="submit" class="button primary">
          Create draft
        </button>
        <button type="button" class="button ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Views and visitors of these stories over the last 7 days, 200 ids a call (GET /audience/stories). */
export function useStoryViews(ids: number[]): Record<number, { views: number; visitors: number } | undefined> {
  const [numbers, setNumbers] = useState<Record<number, { views: number; visitors: number }>>({});
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += 200) chunks.push(ids.slice(i, i + 200));
    Promise.all(chunks.map((chunk) => get<{ items: Record<string, { views: number; visitors: number }> }>(`/audience/stories?ids=${chunk.join(',')}`))).then(
      (results) => live && setNumbers(Object.assign({}, ...results.map((r) => r.items))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);
  return numbers;
}
