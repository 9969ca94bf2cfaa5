import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_TTL_MS } from './session-repo.js';

export const SESSION_COOKIE = 'dateline_session';

/**
 * HttpOnly so page scripts never see it; SameSite=Lax so other sites' forms
 * cannot post with it (the CSRF token covers the rest); Secure when the
 * request came over HTTPS (trustProxy is on, so X-Forwarded-Proto counts)
 * and left off on plain-HTTP localhost, where a Secure cookie would be dropped.
 */
function cookieOptions(request: FastifyRequest) {
  return { path: '/admin', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
}

/**
 * The same cookie scoped to /media: pictures readers may not fetch yet
 * (a draft's, an embargoed story's) are served to the newsroom by it, so
 * the editor, the library and the preview show them at their public URLs.
 */
export const MEDIA_COOKIE_PATH = '/media';

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), maxAge });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), path: MEDIA_COOKIE_PATH, maxAge });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
  reply.clearCookie(SESSION_COOKIE, { ...cookieOptions(request), path: MEDIA_COOKIE_PATH });
}
