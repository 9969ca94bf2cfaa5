import { useState } from 'preact/hooks';
import { describeError, post } from '../api.ts';

/**
 * Current password and a new one; `onChanged` runs once the server took it.
 * Used on My account and, after a one-time password, as the only screen.
 */
export function PasswordForm({ currentLabel, onChanged }: { currentLabel: string; onChanged: () => void }) {
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
      onChanged();
    } catch (failure) {
      setMessage({ ok: false, text: describeError(failure) });
    }
  }

  return (
    <form onSubmit={change}>
      <h2>Change password</h2>
      {message && (
        <p class={message.ok ? 'banner ok' : 'banner error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div class="field">
        <label for="current-password">{currentLabel}</label>
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
  );
}
