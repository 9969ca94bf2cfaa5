import { type AdminUser, type PasswordResetResponse, ROLES } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, post } from '../api.ts';
import { RecordScreen } from '../components/record-screen.tsx';
import { formatTime } from '../format.tsx';
import { useReference } from '../reference.ts';

/** Newsroom accounts (admin): create, change role, link to the author they write as, disable, reset a password. */
export function UsersScreen() {
  const { authors } = useReference();
  const authorName = (id: number | null) => (id === null ? null : (authors.find((a) => a.id === id)?.name ?? `Author ${id}`));
  return (
    <RecordScreen<AdminUser>
      title="Users"
      singular="User"
      path="/users"
      intro="Roles: admin (everything), editor (all stories, publishing, wire queue, corrections), writer (own stories, submit for review), contributor (own drafts)."
      fields={[
        { name: 'email', label: 'Email', kind: 'email' },
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'role', label: 'Role', kind: 'select', options: ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) })) },
        {
          name: 'authorId',
          label: 'Writes as (byline)',
          hint: 'Their new stories start with this byline; writers and contributors can sign only as this author.',
          kind: 'select',
          numeric: true,
          nullable: true,
          editOnly: true,
          options: authors.map((a) => ({ value: String(a.id), label: a.name })),
        },
        { name: 'disabled', label: 'Disabled (cannot sign in)', kind: 'checkbox', editOnly: true },
      ]}
      blank={{ email: '', name: '', role: 'writer' }}
      sort={(a, b) => a.name.localeCompare(b.name)}
      describe={(u) => u.name}
      detail={(u) =>
        `${u.email} · ${u.role}${authorName(u.authorId) ? ` · writes as ${authorName(u.authorId)}` : ' · no byline linked'}${u.disabled ? ' · disabled' : ''} · last sign-in ${formatTime(u.lastSignInAt)}`
      }
      afterCreate={(answer) => {
        const password = (answer as Partial<PasswordResetResponse> | null)?.temporaryPassword;
        return password ? `User created. One-time password (shown once): ${password}` : 'User created.';
      }}
      extra={(user, _reload, say) => (
        <button
          type="button"
          class="button ghost"
          onClick={async () => {
            if (!window.confirm(`Reset the password of ${user.name}? Their current password stops working.`)) return;
            try {
              const answer = await post<PasswordResetResponse>(`/users/${user.id}/reset-password`);
              say(`New one-time password for ${user.name} (shown once): ${answer.temporaryPassword}`);
            } catch (failure) {
              say(describeError(failure));
            }
          }}
        >
          Reset password
        </button>
      )}
    />
  );
}
