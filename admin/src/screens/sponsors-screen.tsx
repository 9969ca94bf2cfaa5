import type { AdminSponsor } from '../../../src/newsroom/admin-api-contract.ts';
import { RecordScreen } from '../components/record-screen.tsx';
import { invalidateReference } from '../reference.ts';

/** Sponsors of sponsored stories (admin). */
export function SponsorsScreen() {
  return (
    <RecordScreen<AdminSponsor>
      title="Sponsors"
      singular="Sponsor"
      path="/sponsors"
      fields={[
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'url', label: 'Web address', kind: 'url' },
        { name: 'blurb', label: 'Blurb', kind: 'textarea', hint: 'Shown on sponsored stories: who paid and why.' },
      ]}
      blank={{ name: '', url: '', blurb: '' }}
      sort={(a, b) => a.name.localeCompare(b.name)}
      describe={(s) => s.name}
      detail={(s) => s.url}
      onChanged={invalidateReference}
    />
  );
}
