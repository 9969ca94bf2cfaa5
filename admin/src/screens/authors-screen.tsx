import type { AdminAuthor } from '../../../src/newsroom/admin-api-contract.ts';
import { RecordScreen } from '../components/record-screen.tsx';
import { invalidateReference } from '../reference.ts';

/** Authors for bylines: name, bio, picture (editor+). */
export function AuthorsScreen() {
  return (
    <RecordScreen<AdminAuthor>
      title="Authors"
      singular="Author"
      path="/authors"
      fields={[
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'slug', label: 'Slug', kind: 'text', createOnly: true, omitEmpty: true, hint: 'The author page address, e.g. “ada-obi”. Leave empty to make one from the name.' },
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          options: [
            { value: 'person', label: 'Person' },
            { value: 'organization', label: 'Organization (agency, desk)' },
          ],
        },
        { name: 'bio', label: 'Bio', kind: 'textarea' },
        { name: 'pictureId', label: 'Picture (media id)', kind: 'text', hint: 'The number of a picture in the media library; empty for none.' },
      ]}
      blank={{ name: '', slug: '', kind: 'person', bio: '', pictureId: null }}
      sort={(a, b) => a.name.localeCompare(b.name)}
      describe={(a) => a.name}
      detail={(a) => (a.kind === 'organization' ? 'Organization' : a.bio.slice(0, 80))}
      onChanged={invalidateReference}
      transform={(body) => ({ ...body, pictureId: body.pictureId === '' || body.pictureId === null ? null : Number(body.pictureId) })}
    />
  );
}
