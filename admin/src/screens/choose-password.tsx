import type { SessionUser } from '../../../src/newsroom/admin-api-contract.ts';
import { PasswordForm } from '../components/password-form.tsx';

/**
 * After signing in with a one-time password the server opens nothing but
 * this (every other call answers 403 PASSWORD_CHANGE_REQUIRED), so the app
 * shows only this form until the password is the user's own.
 */
export function ChoosePassword({ user, onChanged, onSignOut }: { user: SessionUser; onChanged: () => void; onSignOut: () => void }) {
  return (
    <main class="center-screen" id="main">
      <div class="panel narrow">
        <h1>Choose your password</h1>
        <p>
          {user.name}, you signed in with a one-time password. Choose your own to open the newsroom; nobody else will know it.
        </p>
        <PasswordForm currentLabel="One-time password" onChanged={onChanged} />
        <p>
          <button type="button" class="button" onClick={onSignOut}>
            Sign out
          </button>
        </p>
      </div>
    </main>
  );
}
