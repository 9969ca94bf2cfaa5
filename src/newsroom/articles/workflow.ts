import { DatelineError } from '../../domain/errors.js';
import type { AdminStatus } from '../admin-api-contract.js';

/** The newsroom's workflow actions; who may take each is the route's `roles`. */
export type WorkflowAction = 'submit' | 'publish' | 'unpublish' | 'schedule' | 'unschedule' | 'withdraw';

/** What an action does to a story's status and times. */
export interface WorkflowChange {
  status: AdminStatus;
  /** undefined: leave as it is. */
  publishedAt?: Date | null;
  scheduledAt: Date | null;
  /** For a scheduled story: the status Unschedule returns it to. */
  scheduledFrom?: AdminStatus | null;
}

interface Current {
  status: AdminStatus;
  publishedAt: Date | null;
  /** A scheduled story's status before it was scheduled (null when not known: it goes back to draft). */
  scheduledFrom?: AdminStatus | null;
}

/** The statuses a story can be scheduled from, so the ones Unschedule may return it to. */
const SCHEDULABLE: readonly AdminStatus[] = ['draft', 'submitted', 'withheld'];

const FROM: Record<WorkflowAction, readonly AdminStatus[]> = {
  submit: ['draft'],
  publish: ['draft', 'submitted', 'scheduled', 'withheld'],
  unpublish: ['published', 'scheduled'],
  schedule: ['draft', 'submitted', 'withheld', 'scheduled'],
  unschedule: ['scheduled'],
  withdraw: ['published', 'withheld', 'scheduled'],
};

const VERB: Record<WorkflowAction, string> = {
  submit: 'submitted',
  publish: 'published',
  unpublish: 'unpublished',
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  withdraw: 'withdrawn',
};

/**
 * The change an action makes, or CONFLICT when the story's status does not
 * allow it (publishing a published story, submitting a scheduled one).
 * Publishing keeps the first publication time of a story that was public
 * before, so unpublish-and-republish does not make old news look new.
 *
 * @example workflowChange('schedule', { status: 'draft', publishedAt: null }, now, inAnHour) // { status: 'scheduled', scheduledAt: inAnHour }
 */
export function workflowChange(action: WorkflowAction, current: Current, now: Date, at?: Date): WorkflowChange {
  if (!FROM[action].includes(current.status)) {
    throw new DatelineError('CONFLICT', `A story that is ${current.status} cannot be ${VERB[action]}.`, {
      hint: hintFor(action, current.status),
    });
  }
  switch (action) {
    case 'submit':
      return { status: 'submitted', scheduledAt: null };
    case 'publish':
      return { status: 'published', publishedAt: current.publishedAt ?? now, scheduledAt: null };
    case 'unpublish':
      // Back to the desk as a draft; the first publication time stays for a later republish.
      return { status: 'draft', scheduledAt: null };
    case 'withdraw':
      return { status: 'withdrawn', scheduledAt: null };
    case 'unschedule': {
      // Back to where it was before (a submitted story waits for review again); it was never public, so nothing is purged.
      const from = current.scheduledFrom;
      return { status: from && SCHEDULABLE.includes(from) ? from : 'draft', scheduledAt: null };
    }
    case 'schedule': {
      if (!at || Number.isNaN(at.getTime())) {
        throw new DatelineError('BAD_INPUT', 'Scheduling needs a time: { "at": "2026-05-01T09:00:00Z" }.', { hint: 'Send an ISO 8601 date-time with its offset.' });
      }
      if (at.getTime() <= now.getTime()) {
        throw new DatelineError('BAD_INPUT', `The time ${at.toISOString()} has already passed.`, {
          hint: 'Pick a time in the future, or publish now.',
        });
      }
      // A new time for a scheduled story keeps the status it came from.
      const scheduledFrom = current.status === 'scheduled' ? (current.scheduledFrom ?? null) : current.status;
      return { status: 'scheduled', scheduledAt: at, scheduledFrom };
    }
  }
}

function hintFor(action: WorkflowAction, status: AdminStatus): string {
  if (status === 'withdrawn') return 'A withdrawn story is gone for good; write a new one.';
  if (action === 'publish' && status === 'published') return 'It is already on the site.';
  if (action === 'submit') return 'Only drafts are submitted; an editor takes it from there.';
  if (action === 'unpublish') return 'Only published or scheduled stories can be taken off the site.';
  if (action === 'unschedule') return 'Only a scheduled story can be unscheduled.';
  if (action === 'schedule' && status === 'published') return 'It is already on the site; unpublish it first to schedule it again.';
  return 'Reload the story to see its current status.';
}
