import { useState } from 'preact/hooks';
import { describeError, get, post } from '../api.ts';
import { useStoryViews } from '../screens/story-list.tsx';
import { atLeast, useSession } from '../session.ts';

/** The story's readers over the last 7 days, and (editors, published stories) the breaking-news alert. */
export function AudiencePanel(props: { articleId: number; published: boolean }) {
  const { user } = useSession();
  const numbers = useStoryViews([props.articleId])[props.articleId];
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function sendAlert() {
    if (!confirm('Send this story as a breaking-news alert to every subscriber of the alert list now?')) return;
    setBusy(true);
    try {
      const lists = await get<{ items: Array<{ id: number; name: string; kind: string }> }>('/newsletters');
      const list = lists.items.find((l) => l.kind === 'alerts');
      if (!list) throw new Error('There is no alert list; make one under Newsletters.');
      const edition = await post<{ id: number }>(`/newsletters/${list.id}/editions`, { kind: 'alert', articleIds: [props.articleId] });
      await post(`/editions/${edition.id}/send`, {});
      setMessage(`The alert is going out to ${list.name}.`);
    } catch (error) {
      setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="audience-title">
      <h2 id="audience-title">Readers</h2>
      <p>{numbers ? `${numbers.views} views by ${numbers.visitors} visitors in the last 7 days.` : props.published ? 'No views counted in the last 7 days.' : 'Counted once the story is published.'}</p>
      {props.published && atLeast(user, 'editor') && (
        <button type="button" class="button ghost" disabled={busy} onClick={() => void sendAlert()}>
          Send as breaking-news alert
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
