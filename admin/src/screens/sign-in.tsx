import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionResponse } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, post, setCsrfToken } from '../api.ts';

export function SignIn(props: { onSignedIn: (session: SessionResponse) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Newsroom · Dateline';
    emailRef.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const session = await post<SessionResponse>('/session', { email: email.trim(), password });
      setCsrfToken(session.csrfToken);
      props.onSignedIn(session);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <main class="center-screen sign-in" id="main">
      <div class="sign-in-card">
        <p class="brand big">
          <span class="brand-mark" aria-hidden="true">
            D
          </span>
          Dateline <span class="brand-sub">Newsroom</span>
        </p>
        <h1>Sign in</h1>
        <form onSubmit={submit} noValidate>
          {error && (
            <p class="banner error" role="alert">
              {error}
            </p>
          )}
          <div class="field">
            <label for="sign-in-email">Email</label>
            <input
              ref={emailRef}
              id="sign-in-email"
              type="email"
              name="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="sign-in-password">Password</label>
            <input
              id="sign-in-password"
              type="password"
              name="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button primary wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="muted small-print">
          No account yet? An administrator creates one with <code>npx dateline user add</code>.
        </p>
      </div>
    </main>
  );
}
