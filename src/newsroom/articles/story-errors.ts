import { DatelineError } from '../../domain/errors.js';
import type { AdminArticle, EditLock } from '../admin-api-contract.js';

/**
 * The 409 of a save based on a stale revision. The admin error handler
 * sends `details` as it is: the fields someone else changed, who, and the
 * story as it is now, so the editor can show what changed and reload.
 */
export function staleSaveError(details: { currentRevision: number; changedFields: string[]; changedBy: string | null; article: AdminArticle }): DatelineError {
  const who = details.changedBy ?? 'Someone';
  const what = details.changedFields.length > 0 ? details.changedFields.join(', ') : 'nothing you can see';
  return Object.assign(
    new DatelineError('CONFLICT', `${who} saved this story after the copy you edited (now revision ${details.currentRevision}; changed: ${what}). Your save was not applied.`, {
      hint: 'Reload the story to get their changes, then make yours again; nothing of theirs was overwritten.',
    }),
    { details },
  );
}

/** 423 Locked: someone else has the story open; details.lock names them. */
export function lockedError(lock: EditLock, canTakeOver: boolean): DatelineError {
  return Object.assign(
    new DatelineError('CONFLICT', `${lock.holder.name} is editing this story.`, {
      hint: canTakeOver
        ? 'Wait until they close it, or take it over (POST /admin/api/articles/:id/lock/take-over); their unsaved changes are theirs to save.'
        : `Wait until they close it; the lock lapses by ${lock.expiresAt} unless they keep it open.`,
    }),
    { statusCode: 423, details: { lock } },
  );
}
