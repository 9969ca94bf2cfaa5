import type { AdminStatus } from '../../src/newsroom/admin-api-contract.ts';

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** ISO → the value a <input type="datetime-local"> shows (local time, minutes). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const STATUS_LABELS: Record<AdminStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  scheduled: 'Scheduled',
  published: 'Published',
  withheld: 'Withheld',
  withdrawn: 'Withdrawn',
};

export function StatusBadge(props: { status: AdminStatus }) {
  return <span class={`status status-${props.status}`}>{STATUS_LABELS[props.status] ?? props.status}</span>;
}
