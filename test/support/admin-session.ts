import { Accounts } from '../../src/newsroom/accounts/index.js';
import type { Role, SessionResponse } from '../../src/newsroom/admin-api-contract.js';
import type { Store } from '../../src/store/index.js';

/** A signed-in newsroom user for API tests: `call` sends the cookie and (on writes) the CSRF token. */
export interface AdminSession {
  user: SessionResponse['user'];
  cookie: string;
  csrfToken: string;
  password: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Makes a user straight in the database (the CLI does the same), e.g. `maya-editor@example.test`. */
export async function createUser(store: Store, role: Role, options: { email?: string; name?: string; password?: string } = {}) {
  const accounts = new Accounts(store.db);
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const { user } = await accounts.addUser(
    { email, name: options.name ?? `Test ${role[0]?.toUpperCase()}${role.slice(1)}`, role, password: options.password ?? TEST_PASSWORD },
    new Date(),
  );
  return user;
}

/** Signs in over HTTP and returns a session whose `call` sends the cookie and, on writes, the CSRF token. */
export async function signIn(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<AdminSession> {
  const response = await fetch(`${baseUrl}/admin/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const body = (await response.json()) as SessionResponse;
  return {
    user: body.user,
    cookie,
    csrfToken: body.csrfToken,
    password,
    call(method, path, payload, headers = {}) {
      const url = path.startsWith('http') ? path : `${baseUrl}${path.startsWith('/admin') ? '' : '/admin/api'}${path}`;
      const writes = method !== 'GET' && method !== 'HEAD';
      return fetch(url, {
        method,
        headers: {
          cookie,
          ...(writes && { 'x-csrf-token': body.csrfToken }),
          ...(payload !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(payload !== undefined && { body: JSON.stringify(payload) }),
      });
    },
  };
}

/** A user of the role, signed in. */
export async function signedInAs(store: Store, baseUrl: string, role: Role, options: { email?: string; name?: string } = {}): Promise<AdminSession> {
  const user = await createUser(store, role, options);
  return signIn(baseUrl, user.email);
}
