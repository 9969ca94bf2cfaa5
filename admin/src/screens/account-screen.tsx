import { PasswordForm } from '../components/password-form.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { useSession } from '../session.ts';

/** My account: who I am, and a new password. */
export function AccountScreen() {
  const { user } = useSession();
  return (
    <>
      <ScreenTitle>My account</ScreenTitle>
      <div class="panel narrow">
        <p>
          {user.name} · {user.email} · <span class="role-badge light">{user.role}</span>
        </p>
        <PasswordForm currentLabel="Current password" onChanged={() => {}} />
      </div>
    </>
  );
}
