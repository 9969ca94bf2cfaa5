import type { StaleSaveError } from '../../../src/newsroom/admin-api-contract.ts';
import { formatClock, formatTime } from '../format.tsx';
import type { SaveState } from './use-autosave.ts';
import type { LockState } from './use-edit-lock.ts';

export function SaveIndicator(props: { state: SaveState }) {
  const { state } = props;
  const text =
    state.kind === 'saved'
      ? state.at
        ? `Saved ${formatClock(state.at)}`
        : 'All changes saved'
      : state.kind === 'pending'
        ? 'Unsaved changes'
        : state.kind === 'saving'
          ? 'Saving…'
          : state.kind === 'conflict'
            ? 'Not saved: conflict'
            : 'Not saved';
  return (
    <span class={`save-state save-${state.kind}`} role="status" data-testid="save-state">
      {text}
      {state.kind === 'error' && <span class="visually-hidden">: {state.message}</span>}
    </span>
  );
}

export function LockBanner(props: { lock: LockState; canTakeOver: boolean; onTakeOver: () => Promise<void> }) {
  const { lock } = props;
  if (lock.kind === 'theirs') {
    return (
      <div class="banner warn" role="alert">
        <p>
          <strong>{lock.holder.name} is editing this story</strong>
          {lock.since && <> since {formatTime(lock.since)}</>}. You can read it; editing opens when they leave.
        </p>
        {props.canTakeOver && (
          <button
            type="button"
            class="button"
            onClick={() => {
              if (window.confirm(`Take over from ${lock.holder.name}? Their unsaved changes will be refused when they save.`)) void props.onTakeOver();
            }}
          >
            Take over
          </button>
        )}
      </div>
    );
  }
  if (lock.kind === 'unavailable') {
    return (
      <p class="banner info">
        Could not check who else has this story open ({lock.message}). Saves are still protected: a stale save is refused.
      </p>
    );
  }
  return null;
}

/** A stale save (409): what changed, who changed it, and the two ways on. Nothing is overwritten without a choice. */
export function ConflictBanner(props: { details: StaleSaveError['error']['details']; onTakeTheirs: () => void; onKeepMine: (revision: number) => void }) {
  const { details } = props;
  return (
    <div class="banner error conflict" role="alert">
      <p>
        <strong>{details.changedBy ?? 'Someone else'} saved this story while you were editing</strong> (now revision {details.currentRevision}). They
        changed: {details.changedFields.join(', ') || 'nothing you edited'}. Your latest changes are not saved.
      </p>
      <div class="row">
        <button type="button" class="button" onClick={props.onTakeTheirs}>
          Load their version (discard my unsaved changes)
        </button>
        <button
          type="button"
          class="button danger"
          onClick={() => {
            if (window.confirm('Save your version over theirs? Their changes stay in the revisions.')) props.onKeepMine(details.currentRevision);
          }}
        >
          Keep my version
        </button>
      </div>
    </div>
  );
}
