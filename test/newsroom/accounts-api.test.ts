import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../src/newsroom/admin-api-contract.js';
import { createUser, signedInAs, signIn, TEST_PASSWORD } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

function postSession(site: TestSite, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${site.url}/admin/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

for (const dialect of DIALECTS) {
  describe(`newsroom accounts API on ${dialect}`, () => {
    let site: TestSite;

    beforeAll(async () => {
      // These tests stand behind a proxy on loopback that sets X-Forwarded-For and -Proto.
      site = await startTestSite(dialect, { demo: false, env: { TRUST_PROXY: 'loopback' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('signs in with email and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
      const user = await createUser(site.store, 'writer', { email: 'Maya.Okafor@Example.test', name: 'Maya Okafor' });
      const response = await postSession(site, { email: 'maya.okafor@example.test', password: TEST_PASSWORD });
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^dateline_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\/admin/);
      expect(cookie).not.toMatch(/Secure/i);
      const body = (await response.json()) as SessionResponse;
      expect(body.user).toEqual({ id: user.id, email: 'maya.okafor@example.test', name: 'Maya Okafor', role: 'writer' });
      expect(body.csrfToken.length).toBeGreaterThan(20);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('marks the cookie Secure when the request came over HTTPS through a proxy', async () => {
      const user = await createUser(site.store, 'editor');
      const response = await postSession(site, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
    });

    it('stores the password as an argon2id hash and the session token only hashed', async () => {
      const session = await signedInAs(site.store, site.url, 'contributor');
      const row = await site.store.db.kysely.selectFrom('users').select('password_hash').where('id', '=', session.user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const token = session.cookie.split('=')[1] as string;
      const sessions = await site.store.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', session.user.id).execute();
      expect(sessions.map((s) => s.token_hash)).not.toContain(token);
    });

    it('GET /session returns the user and the CSRF token; without a cookie it is 401', async () => {
      const session = await signedInAs(site.store, site.url, 'editor', { name: 'Sam Editor' });
      const response = await session.call('GET', '/session');
      expect(response.status).toBe(200);
      const body = (await response.json()) as SessionResponse;
      expect(body.user.name).toBe('Sam Editor');
      expect(body.csrfToken).toBe(session.csrfToken);
      const anonymous = await fetch(`${site.url}/admin/api/session`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
      const forged = await fetch(`${site.url}/admin/api/session`, { headers: { cookie: 'dateline_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
      expect(forged.status).toBe(401);
    });

    it('refuses a wrong password and an unknown address alike, with a clear message', async () => {
      const user = await createUser(site.store, 'writer');
      const wrong = await postSession(site, { email: user.email, password: 'not the password' }, { 'x-forwarded-for': '198.51.100.1' });
      const unknown = await postSession(site, { email: 'nobody@example.test', password: 'not the password' }, { 'x-forwarded-for': '198.51.100.1' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const a = (await wrong.json()) as { error: { code: string; message: string } };
      const b = (await unknown.json()) as { error: { code: string; message: string } };
      expect(a.error).toEqual(b.error);
      expect(a.error.message).toMatch(/email or password is wrong/);
    });

    it('answers a sign-in without email or password with 400 naming the field', async () => {
      const response = await postSession(site, { email: 'someone@example.test' });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BAD_INPUT');
      expect(body.error.message).toMatch(/password/);
    });

    it('slows an account down after 5 failed sign-ins from anywhere, even for the right password, without locking it', async () => {
      const user = await createUser(site.store, 'writer');
      for (let i = 0; i < 5; i++) {
        const r = await postSession(site, { email: user.email, password: `guess number ${i}` }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
        expect(r.status).toBe(401);
      }
      const slowed = await postSession(site, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': '203.0.113.50' });
      expect(slowed.status).toBe(429);
      const wait = Number(slowed.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(30);
      const body = (await slowed.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toMatch(/Try again in \d+ seconds?/);
    });

    it('limits failed sign-ins from one address across accounts (20 in 15 minutes)', async () => {
      const ip = '192.0.2.77';
      for (let i = 0; i < 20; i++) {
        const r = await postSession(site, { email: `spray-${i}@example.test`, password: 'password123' }, { 'x-forwarded-for': ip });
        expect(r.status).toBe(401);
      }
      const user = await createUser(site.store, 'editor');
      const blocked = await postSession(site, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': ip });
      expect(blocked.status).toBe(429);
      const elsewhere = await postSession(site, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': '192.0.2.78' });
      expect(elsewhere.status).toBe(200);
    });

    it('signs out: the session ends and the cookie is cleared; signing out needs the CSRF token', async () => {
      const session = await signedInAs(site.store, site.url, 'writer');
      const noToken = await session.call('DELETE', '/session', undefined, { 'x-csrf-token': '' });
      expect(noToken.status).toBe(403);
      const out = await session.call('DELETE', '/session');
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/dateline_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await session.call('GET', '/session')).status).toBe(401);
    });

    it('lets an admin add a user with a one-time password the user then replaces', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const created = await admin.call('POST', '/users', { email: 'new.writer@example.test', name: 'New Writer', role: 'writer' });
      expect(created.status).toBe(201);
      const { user, temporaryPassword } = (await created.json()) as { user: { id: number; role: string }; temporaryPassword: string };
      expect(user.role).toBe('writer');
      expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
      const first = await signIn(site.url, 'new.writer@example.test', temporaryPassword);
      const whoami = (await (await first.call('GET', '/session')).json()) as SessionResponse;
      expect(whoami.mustChangePassword).toBe(true);
      const second = await signIn(site.url, 'new.writer@example.test', temporaryPassword);

      const tooShort = await first.call('POST', '/session/password', { currentPassword: temporaryPassword, newPassword: 'short' });
      expect(tooShort.status).toBe(400);
      expect(((await tooShort.json()) as { error: { message: string } }).error.message).toMatch(/at least 10/);
      const badCurrent = await first.call('POST', '/session/password', { currentPassword: 'wrong one', newPassword: 'a brand new passphrase' });
      expect(badCurrent.status).toBe(400);
      const changed = await first.call('POST', '/session/password', { currentPassword: temporaryPassword, newPassword: 'a brand new passphrase' });
      expect(changed.status).toBe(204);
      expect(((await (await first.call('GET', '/session')).json()) as SessionResponse).mustChangePassword).toBe(false);
      // The other session, opened with the one-time password, has ended.
      expect((await second.call('GET', '/session')).status).toBe(401);
      await signIn(site.url, 'new.writer@example.test', 'a brand new passphrase');
    });

    it('refuses a duplicate address (409) and a bad email or role (400)', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const taken = await admin.call('POST', '/users', { email: admin.user.email.toUpperCase(), name: 'Twin', role: 'writer' });
      expect(taken.status).toBe(409);
      const badEmail = await admin.call('POST', '/users', { email: 'not-an-address', name: 'X', role: 'writer' });
      expect(badEmail.status).toBe(400);
      expect(((await badEmail.json()) as { error: { message: string } }).error.message).toMatch(/not an email address/);
      const badRole = await admin.call('POST', '/users', { email: 'x@example.test', name: 'X', role: 'boss' });
      expect(badRole.status).toBe(400);
      expect(((await badRole.json()) as { error: { message: string } }).error.message).toMatch(/one of: admin, editor, writer, contributor/);
    });

    it('lets an admin reset a password: the user is signed out and the old password stops working', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const writer = await signedInAs(site.store, site.url, 'writer');
      const reset = await admin.call('POST', `/users/${writer.user.id}/reset-password`);
      expect(reset.status).toBe(200);
      const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
      expect((await writer.call('GET', '/session')).status).toBe(401);
      expect((await postSession(site, { email: writer.user.email, password: TEST_PASSWORD })).status).toBe(401);
      const again = await signIn(site.url, writer.user.email, temporaryPassword);
      expect(((await (await again.call('GET', '/session')).json()) as SessionResponse).mustChangePassword).toBe(true);
      // The admin's own session is untouched.
      expect((await admin.call('GET', '/session')).status).toBe(200);
    });

    it('disabling a user ends their sessions and refuses their sign-in', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const editor = await signedInAs(site.store, site.url, 'editor');
      const patched = await admin.call('PATCH', `/users/${editor.user.id}`, { disabled: true });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as { disabled: boolean }).disabled).toBe(true);
      expect((await editor.call('GET', '/session')).status).toBe(401);
      const refused = await postSession(site, { email: editor.user.email, password: TEST_PASSWORD });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/disabled/);
    });

    it('changes a role at once, and never leaves the newsroom without an active admin', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const writer = await signedInAs(site.store, site.url, 'writer');
      expect((await writer.call('GET', '/users')).status).toBe(403);
      expect((await admin.call('PATCH', `/users/${writer.user.id}`, { role: 'admin' })).status).toBe(200);
      expect((await writer.call('GET', '/users')).status).toBe(200);
      // Demote every admin but one, then try the last.
      const list = (await (await admin.call('GET', '/users')).json()) as { items: Array<{ id: number; role: string; disabled: boolean }> };
      const admins = list.items.filter((u) => u.role === 'admin' && !u.disabled && u.id !== admin.user.id);
      for (const other of admins) expect((await admin.call('PATCH', `/users/${other.id}`, { role: 'editor' })).status).toBe(200);
      const last = await admin.call('PATCH', `/users/${admin.user.id}`, { role: 'editor' });
      expect(last.status).toBe(409);
      expect(((await last.json()) as { error: { message: string } }).error.message).toMatch(/only active admin/);
      expect((await admin.call('PATCH', `/users/${admin.user.id}`, { disabled: true })).status).toBe(409);
    });

    it('answers 404 for a user that does not exist and for unknown admin API paths, as JSON', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const missing = await admin.call('GET', '/users/424242');
      expect(missing.status).toBe(404);
      const unknown = await admin.call('POST', '/no-such-thing', {});
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/application\/json/);
      const unknownGet = await fetch(`${site.url}/admin/api/no-such-thing`);
      expect(unknownGet.status).toBe(404);
      expect(((await unknownGet.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    });

    it('documents the admin API in OpenAPI 3.1 at /admin/api/openapi.json, apart from the content API', async () => {
      const response = await fetch(`${site.url}/admin/api/openapi.json`);
      expect(response.status).toBe(200);
      const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { description?: string }>>; servers: Array<{ url: string }> };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.servers[0]?.url).toMatch(/\/admin\/api$/);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/session', '/session/password', '/users', '/users/{id}', '/users/{id}/reset-password']));
      expect(doc.paths['/users']?.get?.description).toMatch(/Roles: admin\./);
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/v1') || p.startsWith('/articles/{slug}'))).toBe(false);
      const content = (await (await fetch(`${site.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(content.paths).some((p) => p.includes('session') || p.includes('users'))).toBe(false);
    });
  });
}
