import { useEffect, useState } from 'preact/hooks';
import type { WireQueueItem } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post } from '../api.ts';
import { Link } from '../components/link.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime } from '../format.tsx';

/** Agency stories the wire rules held back: publish as they are, edit first, or discard. */
export function WireQueue() {
  const [items, setItems] = useState<WireQueueItem[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function load() {
    try {
      const answer = await get<WireQueueItem[] | { items: WireQueueItem[] }>('/wire-queue');
      setItems(Array.isArray(answer) ? answer : answer.items);
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => void load(), []);

  async function act(item: WireQueueItem, action: 'publish' | 'discard') {
    if (action === 'discard' && !window.confirm(`Discard “${item.headline}”? It will not be published.`)) return;
    try {
      await post(`/wire-queue/${item.articleId}/${action}`);
      setNotice(`${action === 'publish' ? 'Published' : 'Discarded'}: ${item.headline}`);
      setItems((current) => current?.filter((i) => i.articleId !== item.articleId) ?? null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <>
      <ScreenTitle>Wire queue</ScreenTitle>
      <p class="lede">Agency copy held by the wire rules waits here for an editor.</p>
      <div aria-live="polite">{notice && <p class="banner ok">{notice}</p>}</div>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p aria-busy="true">Loading the queue…</p>}
      {items?.length === 0 && <p class="empty">Nothing is held. New wire copy that needs a look will appear here.</p>}
      {items && items.length > 0 && (
        <table class="data-table">
          <caption class="visually-hidden">Held wire stories</caption>
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Source</th>
              <th scope="col">Received</th>
              <th scope="col">Held because</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.articleId}>
                <td class="headline-cell">
                  {item.headline}
                  {item.urgency !== null && <span class="muted block">Urgency {item.urgency}</span>}
                </td>
                <td>
                  {item.source} <span class="muted block">v{item.version}</span>
                </td>
                <td>{formatTime(item.receivedAt)}</td>
                <td>{item.reason}</td>
                <td class="actions">
                  <button type="button" class="button primary small" onClick={() => void act(item, 'publish')}>
                    Publish<span class="visually-hidden"> {item.headline}</span>
                  </button>
                  <Link to={`/stories/${item.articleId}`} class="button small">
                    Edit<span class="visually-hidden"> {item.headline}</span>
                  </Link>
                  <button type="button" class="button ghost small" onClick={() => void act(item, 'discard')}>
                    Discard<span class="visually-hidden"> {item.headline}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
