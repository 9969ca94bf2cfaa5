import type { AdminSection } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, patch } from '../api.ts';
import { type FieldSpec, RecordScreen } from '../components/record-screen.tsx';
import { invalidateReference, sectionLabel, useReference } from '../reference.ts';

/** Sections and the menu: name, address, parent, place in the menu (admin). */
export function SectionsScreen() {
  const reference = useReference();
  const fields: Array<FieldSpec<AdminSection>> = [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'slug', label: 'Slug', kind: 'text', omitEmpty: true, hint: 'The last part of the section address, e.g. “politics”.' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    {
      name: 'parentId',
      label: 'Parent section',
      kind: 'select',
      numeric: true,
      nullable: true,
      options: reference.sections.map((s) => ({ value: String(s.id), label: sectionLabel(reference.sections, s.id) })),
      hint: 'Moving a section moves its stories with it.',
    },
    { name: 'inMenu', label: 'Show in the menu', kind: 'checkbox' },
  ];
  return (
    <RecordScreen<AdminSection>
      title="Sections"
      singular="Section"
      path="/sections"
      intro="The menu shows sections in this order. Move a section with its Earlier and Later buttons."
      fields={fields}
      blank={{ name: '', slug: '', description: '', parentId: null, inMenu: true }}
      describe={(s) => sectionLabel(reference.sections.length ? reference.sections : [s], s.id)}
      detail={(s) => `${s.path}${s.inMenu ? '' : ' · not in menu'}`}
      onChanged={invalidateReference}
      extra={(section, reload, say) => (
        <div class="row">
          {[-1, 1].map((by) => (
            <button
              key={by}
              type="button"
              class="button ghost small"
              onClick={async () => {
                try {
                  await patch(`/sections/${section.id}`, { position: Math.max(0, section.position + by) });
                  invalidateReference();
                  await reload();
                  say(`${section.name} moved ${by < 0 ? 'earlier' : 'later'} in the menu.`);
                } catch (failure) {
                  say(describeError(failure));
                }
              }}
            >
              Move {by < 0 ? 'earlier' : 'later'} in menu
            </button>
          ))}
        </div>
      )}
    />
  );
}
