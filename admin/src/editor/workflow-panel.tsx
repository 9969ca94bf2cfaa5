import { useState } from 'preact/hooks';
import type { AdminArticle } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, post } from '../api.ts';
import { formatTime, fromSiteInput, StatusBadge, Time, toSiteInput, zoneLabel } from '../format.tsx';
import { atLeast, useSession } from '../session.ts';
import { AltTextDialog, type PhotoWithoutAlt, photosWithoutAlt } from './alt-text-dialog.tsx';

/**
 * Workflow actions for this story and this role: draft → submitted → published,
 * schedule, unpublish, withdraw. Each action first saves what is pending.
 */
export function WorkflowPanel(props: { article: AdminArticle; flush: () => Promise<boolean>; onChanged: (article: AdminArticle) => void }) {
  const { user } = useSession();
  const { article } = props;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [when, setWhen] = useState(toSiteInput(article.scheduledAt));
  const editor = atLeast(user, 'editor');
  const [needsAlt, setNeedsAlt] = useState<{ photos: PhotoWithoutAlt[]; action: string; retry: () => void } | null>(null);

  async function act(action: string, label: string, body?: unknown) {
    setBusy(true);
    setMessage(null);
    try {
      if (!(await props.flush())) throw new Error('Your latest changes are not saved yet; resolve the save problem first.');
      const updated = await post<AdminArticle>(`/articles/${article.id}/${action}`, body);
      props.onChanged(updated);
      setMessage({ kind: 'ok', text: label });
    } catch (error) {
      // Photos without alt text: ask for it, then take the same action again.
      const photos = photosWithoutAlt(error);
      if (photos) setNeedsAlt({ photos, action: action === 'schedule' ? 'schedule' : 'publish', retry: () => void act(action, label, body) });
      else setMessage({ kind: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  const live = article.status === 'published';
  return (
    <section class="panel" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Status</h2>
      {needsAlt && <AltTextDialog photos={needsAlt.photos} actionLabel={needsAlt.action} onDone={needsAlt.retry} onClose={() => setNeedsAlt(null)} />}
      <p class="status-line">
        <StatusBadge status={article.status} />
        {live && (
          <span class="muted">
            {' '}
            since <Time at={article.publishedAt} />
          </span>
        )}
        {article.status === 'scheduled' && (
          <span class="muted">
            {' '}
            for <Time at={article.scheduledAt} />
          </span>
        )}
      </p>
      <div class="stack">
        {article.status === 'draft' && atLeast(user, 'writer') && (
          <button type="button" class="button" disabled={busy} onClick={() => void act('submit', 'Submitted for review.')}>
            Submit for review
          </button>
        )}
        {article.status === 'draft' && !atLeast(user, 'writer') && <p class="muted small-print">Contributors save drafts; an editor or writer takes them further.</p>}
        {!live && editor && article.status !== 'withdrawn' && (
          <button type="button" class="button primary" disabled={busy} onClick={() => void act('publish', 'Published.')}>
            Publish now
          </button>
        )}
        {article.status === 'scheduled' && editor && (
          <button type="button" class="button" disabled={busy} onClick={() => void act('unschedule', 'Unscheduled: it will not go out on its own.')}>
            Unschedule
          </button>
        )}
        {live && editor && (
          <>
            <button type="button" class="button" disabled={busy} onClick={() => void act('unpublish', 'Unpublished: the story is a draft again.')}>
              Unpublish
            </button>
            <button
              type="button"
              class="button danger"
              disabled={busy}
              onClick={() => {
                if (window.confirm('Withdraw this story? Readers will see that it was withdrawn.')) void act('withdraw', 'Withdrawn.');
              }}
            >
              Withdraw
            </button>
          </>
        )}
      </div>
      {!live && editor && article.status !== 'withdrawn' && (
        <form
          class="schedule-form"
          onSubmit={(e) => {
            e.preventDefault();
            const at = when ? fromSiteInput(when) : null;
            if (!at) {
              setMessage({ kind: 'error', text: 'Choose a date and time to schedule.' });
              return;
            }
            void act('schedule', `Scheduled for ${formatTime(at)}.`, { at });
          }}
        >
          <label for="schedule-at">
            {article.status === 'scheduled' ? 'Move to' : 'Publish at'} ({zoneLabel()}, the site’s time)
          </label>
          <div class="input-with-button">
            <input id="schedule-at" type="datetime-local" step={1} value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
            <button type="submit" class="button" disabled={busy}>
              Schedule
            </button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {message && (
          <p class={message.kind === 'ok' ? 'banner ok' : 'banner error'} role={message.kind === 'error' ? 'alert' : undefined}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
