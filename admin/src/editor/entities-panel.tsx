import { useEffect, useState } from 'preact/hooks';
import { del, describeError, get, patch, post } from '../api.ts';
import { atLeast, useSession } from '../session.ts';

interface StoryEntity {
  id: number;
  name: string;
  kind: 'person' | 'organization' | 'place';
  status: 'suggested' | 'confirmed' | 'removed';
  source: string;
  mentions: number;
}
interface RelatedItem {
  id: number;
  headline: string;
  pinned: boolean;
}
interface Override {
  relatedId: number;
  action: 'pin' | 'remove';
  headline: string;
}

/**
 * The people, organizations and places found in the story (suggestions to
 * confirm or remove) and its related stories (pin one by id, remove one),
 * for editors. Found again by a background job after each publish or update.
 */
export function EntitiesPanel(props: { articleId: number }) {
  const { user } = useSession();
  const [entities, setEntities] = useState<StoryEntity[]>([]);
  const [related, setRelated] = useState<RelatedItem[]>([]);
  const [overrides, setOverrides] = useState<Override[]>([]);
  const [pinId, setPinId] = useState('');
  const [message, setMessage] = useState('');
  const editor = atLeast(user, 'editor');

  const load = () =>
    Promise.all([get<{ items: StoryEntity[] }>(`/articles/${props.articleId}/entities`), get<{ items: RelatedItem[]; overrides: Override[] }>(`/articles/${props.articleId}/related`)]).then(
      ([e, r]) => {
        setEntities(e.items);
        setRelated(r.items);
        setOverrides(r.overrides);
      },
      (error) => setMessage(describeError(error)),
    );
  useEffect(() => {
    if (editor) void load();
  }, [props.articleId, editor]);
  if (!editor) return null;

  const act = (promise: Promise<unknown>, done: string) =>
    promise.then(
      () => {
        setMessage(done);
        void load();
      },
      (error) => setMessage(describeError(error)),
    );

  return (
    <section class="panel" aria-labelledby="entities-title">
      <h2 id="entities-title">Topics and related</h2>
      {entities.length === 0 ? (
        <p class="muted">No people, organizations or places found yet; they are found when the story is published or updated.</p>
      ) : (
        <ul class="stack entity-chips">
          {entities.map((e) => (
            <li key={e.id}>
              <span>
                {e.name} <span class="muted">({e.kind}{e.status === 'suggested' ? ', suggested' : ''})</span>
              </span>{' '}
              {e.status === 'suggested' && (
                <button type="button" class="button small" onClick={() => act(patch(`/entities/${e.id}`, { status: 'confirmed' }), `${e.name} is confirmed.`)}>
                  Confirm<span class="visually-hidden"> {e.name}</span>
                </button>
              )}{' '}
              <button type="button" class="button small ghost" onClick={() => act(patch(`/entities/${e.id}`, { status: 'removed' }), `${e.name} is removed.`)}>
                Remove<span class="visually-hidden"> {e.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Related stories</h3>
      {related.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ol class="stack">
          {related.slice(0, 8).map((r) => (
            <li key={r.id}>
              {r.headline} {r.pinned && <span class="muted">(pinned)</span>}{' '}
              <button type="button" class="button small ghost" onClick={() => act(post(`/articles/${props.articleId}/related`, { relatedId: r.id, action: 'remove' }), 'Removed from the related stories.')}>
                Remove<span class="visually-hidden"> {r.headline}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {overrides.map((o) => (
        <p key={o.relatedId} class="muted">
          {o.action === 'pin' ? 'Pinned' : 'Removed'}: {o.headline}{' '}
          <button type="button" class="button small ghost" onClick={() => act(del(`/articles/${props.articleId}/related/${o.relatedId}`), 'Undone.')}>
            Undo<span class="visually-hidden"> for {o.headline}</span>
          </button>
        </p>
      ))}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          act(post(`/articles/${props.articleId}/related`, { relatedId: Number(pinId), action: 'pin' }), 'Pinned to the related stories.');
          setPinId('');
        }}
      >
        <div class="field">
          <label for="pin-related">Pin a story (its id)</label>
          <input id="pin-related" inputMode="numeric" pattern="[0-9]+" required value={pinId} onInput={(e) => setPinId(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button small">
          Pin
        </button>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
