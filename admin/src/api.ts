import type { ApiError, SessionResponse } from '../../src/newsroom/admin-api-contract.ts';

/** An error answer from /admin/api, with its code, message, hint and details kept for the screen that shows it. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';

/** Remembers the session's CSRF token; every state-changing request sends it as `x-csrf-token`. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any request answers 401, so the app can show the sign-in screen again. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

type Body = unknown;

/** One request to the admin API: JSON in, JSON out, errors as ApiFailure. */
export async function api<T>(method: string, path: string, body?: Body, options: { keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/admin/api${path}`, { method, headers, body: payload, credentials: 'same-origin', keepalive: options.keepalive });
  } catch {
    throw new ApiFailure(0, 'NETWORK', 'The newsroom server did not answer.', 'Check your connection; your last change is kept on screen.');
  }
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = (json as ApiError | null)?.error;
    if (response.status === 401 && !path.startsWith('/session')) onSignedOut();
    throw new ApiFailure(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      error?.hint,
      error?.details,
    );
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: Body) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: Body) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

export async function loadSession(): Promise<SessionResponse | null> {
  try {
    const session = await get<SessionResponse>('/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

/** A query string from the set values of an object. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** An API address or method in a message is for programs, not for the newsroom. */
const API_TALK = /\/admin\/api\b|\b(?:GET|POST|PATCH|PUT|DELETE) \/|openapi\.json/;

/** What to say instead of a message that speaks of API addresses, by HTTP status. */
function plainWords(status: number): string {
  if (status === 400 || status === 422) return 'The newsroom could not accept that. Check what you entered and try again.';
  if (status === 403) return 'Your role does not allow that. Ask an editor or an admin.';
  if (status === 404) return 'That is no longer there, or you cannot open it. Reload the page.';
  if (status === 409) return 'Someone changed this in the meantime. Reload to see their version.';
  return 'Something went wrong in the newsroom. Try again in a moment.';
}

/** The text to show for any thrown thing, in the newsroom's words (never an API address). */
export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) {
    const message = API_TALK.test(error.message) ? plainWords(error.status) : error.message;
    const hint = error.hint && !API_TALK.test(error.hint) ? error.hint : '';
    return hint ? `${message} ${hint}` : message;
  }
  return error instanceof Error ? error.message : String(error);
}
