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

/** The text to show for any thrown thing. */
export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
