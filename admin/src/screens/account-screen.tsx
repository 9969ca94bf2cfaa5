import { useState } from 'preact/hooks';
import { describeError, post } from '../api.ts';
import { ScreenTitle } from '../components/screen-title.tsx';
import { useSession } from '../session.ts';

/** My account: who I am, and a new password (after a one-time password from an admin). */
export function AccountScreen() {
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function change(event: Event) {
    event.preventDefault();
    try {
      await post('/session/password', { currentPassword: current, newPassword: next });
      setMessage({ ok: true, text: 'Password changed. Your other sessions were signed out.' });
      setCurrent('');
      setNext('');
    } catch (failure) {
      setMessage({ ok: false, text: describeError(failure) });
    }
  }

  return (
    <>
      <ScreenTitle>My account</ScreenTitle>
      <div class="panel narrow">
        <p>
          {user.name} · {user.email} · <span class="role-badge light">{user.role}</span>
        </p>
        <form onSubmit={change}>
          <h2>Change password</h2>
          {message && (
            <p class={message.ok ? 'banner ok' : 'banner error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
          <div class="field">
            <label for="current-password">Current password</label>
            <input id="current-password" type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              autocomplete="new-password"
              aria-describedby="new-password-hint"
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
            <span class="hint" id="new-password-hint">
              At least 10 characters.
            </span>
          </div>
          <button type="submit" class="button primary">
            Change password
          </button>
        </form>
      </div>
    </>
  );
}
