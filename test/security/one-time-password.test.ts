import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { signIn } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`a one-time password opens only the form to choose one's own (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('answers 403 PASSWORD_CHANGE_REQUIRED to everything but the session and the password change, until it is changed', async () => {
      const { temporaryPassword } = await new Accounts(site.store.db).addUser({ email: 'new.editor@example.test', name: 'New Editor', role: 'admin' }, new Date());
      const session = await signIn(site.url, 'new.editor@example.test', temporaryPassword as string);

      const me = await session.call('GET', '/session');
      expect(me.status).toBe(200);
      expect(((await me.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);

      for (const [method, path, body] of [
        ['GET', '/articles'],
        ['GET', '/users'],
        ['POST', '/users', { email: 'friend@example.test', name: 'Friend', role: 'admin' }],
        ['GET', '/media'],
      ] as const) {
        const response = await session.call(method, path, body);
        expect(response.status, `${method} ${path}`).toBe(403);
        const error = ((await response.json()) as { error: { code: string; message: string; hint: string } }).error;
        expect(error.code).toBe('PASSWORD_CHANGE_REQUIRED');
        expect(error.hint).toMatch(/session\/password/);
      }
      expect(await site.store.db.kysely.selectFrom('users').select('id').where('email', '=', 'friend@example.test').executeTakeFirst()).toBeUndefined();

      const changed = await session.call('POST', '/session/password', { currentPassword: temporaryPassword, newPassword: 'my own long passphrase' });
      expect(changed.status).toBe(204);
      expect((await session.call('GET', '/articles')).status).toBe(200);
      expect(((await (await session.call('GET', '/session')).json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(false);
    });
  });
}
