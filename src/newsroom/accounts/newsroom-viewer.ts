import { SESSION_COOKIE } from './session-cookie.js';
import type { SessionRepo } from './session-repo.js';

/**
 * Whether a request outside /admin (a picture at /media/…) comes from a
 * signed-in newsroom user: reads the session cookie scoped to /media (see
 * setSessionCookie) and checks it like the admin API does. A one-time
 * password does not count until it is changed.
 */
export function newsroomViewer(sessions: SessionRepo, clock: () => Date): (cookieHeader: string | undefined) => Promise<boolean> {
  return async (cookieHeader) => {
    const token = cookieValue(cookieHeader, SESSION_COOKIE);
    if (!token) return false;
    const session = await sessions.load(token, clock());
    return session !== null && !session.mustChangePassword;
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
