import { useEffect, useState } from 'preact/hooks';
import type { WireQueueItem } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get, post } from '../api.ts';
import { Link } from '../components/link.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { formatTime } from '../format.tsx';
import './wire-desk.css';

/** Agency stories the wire rules held back: read the copy, then publish as it is, edit first, or discard. */
export function WireQueue() {
  const [items, setItems] = useState<WireQueueItem[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function load() {
    try {
      const answer = await get<{ items: WireQueueItem[] }>('/wire-queue');
      setItems(answer.items);
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => void load(), []);

  async function act(item: WireQueueItem, action: 'publish' | 'discard') {
    if (action === 'discard' && !window.confirm(`Discard “${item.headline}”? It will not be published.`)) return;
    setError('');
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
      <p class="lede">Agency copy waits here until an editor reads it and decides. Nothing on this list is on the site.</p>
      <div aria-live="polite">{notice && <p class="banner ok">{notice}</p>}</div>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p aria-busy="true">Loading the queue…</p>}
      {items?.length === 0 && <p class="empty">Nothing is waiting. New wire copy that needs a look will appear here.</p>}
      {items && items.length > 0 && (
        <ul class="wire-queue" aria-label="Wire copy waiting for an editor">
          {items.map((item) => (
            <li key={item.articleId} class="wire-item">
              <article aria-labelledby={`wire-${item.articleId}`}>
                <p class="wire-meta">
                  <span class="wire-agency">{item.agency}</span>
                  <span>Version {item.version}</span>
                  {item.urgency !== null && <span>Urgency {item.urgency}</span>}
                  <span>Received {formatTime(item.receivedAt)}</span>
                </p>
                <h2 class="wire-headline" id={`wire-${item.articleId}`}>
                  {item.headline}
                </h2>
                {item.byline.length > 0 && <p class="wire-byline">By {item.byline.join(' and ')}</p>}
                <p class="wire-reason">{item.reason}</p>
                {item.hasBody ? (
                  <details class="wire-copy">
                    <summary>
                      Read the copy<span class="visually-hidden"> of {item.headline}</span>
                    </summary>
                    {item.summary && <p class="wire-summary">{item.summary}</p>}
                    {/* Sanitized on the way in by the allow-list every story body passes; shown as readers would read it. */}
                    <div class="wire-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
                  </details>
                ) : (
                  <p class="banner warn wire-nobody">This item arrived without a body. Open it in the editor, write the story and save; then it can be published.</p>
                )}
                <div class="wire-actions">
                  {item.canPublish && (
                    <button type="button" class="button primary" onClick={() => void act(item, 'publish')}>
                      Publish<span class="visually-hidden"> {item.headline}</span>
                    </button>
                  )}
                  {item.status !== 'withdrawn' && (
                    <Link to={`/stories/${item.articleId}`} class={`button${item.hasBody ? '' : ' primary'}`}>
                      {item.hasBody ? 'Edit first' : 'Write in the editor'}
                      <span class="visually-hidden"> {item.headline}</span>
                    </Link>
                  )}
                  <button type="button" class="button ghost" onClick={() => void act(item, 'discard')}>
                    Discard<span class="visually-hidden"> {item.headline}</span>
                  </button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
