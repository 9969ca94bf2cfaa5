import { describe, expect, it } from 'vitest';
import { DatelineError } from '../../domain/errors.js';
import { workflowChange } from './workflow.js';

const now = new Date('2026-03-01T12:00:00Z');
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DatelineError).code;
  }
  return 'no error';
};

describe('workflowChange', () => {
  it('takes a draft through submit and publish', () => {
    expect(workflowChange('submit', { status: 'draft', publishedAt: null }, now)).toEqual({ status: 'submitted', scheduledAt: null });
    expect(workflowChange('publish', { status: 'submitted', publishedAt: null }, now)).toEqual({ status: 'published', publishedAt: now, scheduledAt: null });
  });

  it('keeps the first publication time when a story is published again', () => {
    const first = new Date('2026-02-01T08:00:00Z');
    expect(workflowChange('publish', { status: 'draft', publishedAt: first }, now).publishedAt).toEqual(first);
  });

  it('schedules only for a time still to come', () => {
    const later = new Date(now.getTime() + 60_000);
    expect(workflowChange('schedule', { status: 'draft', publishedAt: null }, now, later)).toEqual({ status: 'scheduled', scheduledAt: later, scheduledFrom: 'draft' });
    expect(code(() => workflowChange('schedule', { status: 'draft', publishedAt: null }, now, new Date(now.getTime() - 1)))).toBe('BAD_INPUT');
    expect(code(() => workflowChange('schedule', { status: 'draft', publishedAt: null }, now))).toBe('BAD_INPUT');
  });

  it('refuses actions the status does not allow', () => {
    expect(code(() => workflowChange('publish', { status: 'published', publishedAt: now }, now))).toBe('CONFLICT');
    expect(code(() => workflowChange('submit', { status: 'scheduled', publishedAt: null }, now))).toBe('CONFLICT');
    expect(code(() => workflowChange('unpublish', { status: 'draft', publishedAt: null }, now))).toBe('CONFLICT');
    expect(code(() => workflowChange('publish', { status: 'withdrawn', publishedAt: now }, now))).toBe('CONFLICT');
  });

  it('unschedules back to the status the story had before it was scheduled', () => {
    const later = new Date(now.getTime() + 60_000);
    const scheduled = workflowChange('schedule', { status: 'submitted', publishedAt: null }, now, later);
    expect(scheduled.scheduledFrom).toBe('submitted');
    // A new time keeps where it came from.
    const moved = workflowChange('schedule', { status: 'scheduled', publishedAt: null, scheduledFrom: 'submitted' }, now, new Date(later.getTime() + 1));
    expect(moved.scheduledFrom).toBe('submitted');
    expect(workflowChange('unschedule', { status: 'scheduled', publishedAt: null, scheduledFrom: 'submitted' }, now)).toEqual({ status: 'submitted', scheduledAt: null });
    expect(workflowChange('unschedule', { status: 'scheduled', publishedAt: null, scheduledFrom: 'withheld' }, now).status).toBe('withheld');
    // Scheduled before this was recorded (or by a wire embargo): back to a draft.
    expect(workflowChange('unschedule', { status: 'scheduled', publishedAt: null, scheduledFrom: null }, now).status).toBe('draft');
    expect(code(() => workflowChange('unschedule', { status: 'published', publishedAt: now }, now))).toBe('CONFLICT');
    expect(code(() => workflowChange('unschedule', { status: 'draft', publishedAt: null }, now))).toBe('CONFLICT');
  });

  it('unpublishes to a draft and cancels a schedule', () => {
    expect(workflowChange('unpublish', { status: 'published', publishedAt: now }, now)).toEqual({ status: 'draft', scheduledAt: null });
    expect(workflowChange('unpublish', { status: 'scheduled', publishedAt: null }, now)).toEqual({ status: 'draft', scheduledAt: null });
  });
});
