import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUser } from '../../src/cli/user-command.js';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { SESSION_TTL_MS } from '../../src/newsroom/accounts/session-repo.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const at = (iso: string) => new Date(iso);
const meta = { ip: '10.0.0.1', userAgent: 'vitest' };

function capture() {
  const lines = { out: '', err: '' };
  const io = {
    out(t: string) {
      lines.out += t;
    },
    err(t: string) {
      lines.err += t;
    },
  };
  return { lines, io };
}

for (const dialect of DIALECTS) {
  describe(`accounts store on ${dialect}`, () => {
    let site: TestSite;
    let accounts: Accounts;

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false });
      accounts = new Accounts(site.store.db, {
        limits: { perAccountAddress: 3, perAddress: 10, accountFreeFailures: 3, windowMs: 60_000 },
        // Long enough for the idle-lifetime test below; the absolute lifetime has its own test.
        sessionMaxAgeMs: 30 * 24 * 3600_000,
      });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('lifts an account lock once the oldest counted failure leaves the window', async () => {
      await accounts.addUser({ email: 'lock@example.test', name: 'Lock Test', role: 'writer', password: 'the right passphrase' }, at('2030-01-01T00:00:00Z'));
      for (const second of [0, 10, 20]) {
        await expect(accounts.signIn('lock@example.test', 'wrong', meta, at(`2030-01-01T00:00:${String(second).padStart(2, "0")}Z`))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
      await expect(accounts.signIn('lock@example.test', 'the right passphrase', meta, at('2030-01-01T00:00:59Z'))).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 1,
      });
      const ok = await accounts.signIn('lock@example.test', 'the right passphrase', meta, at('2030-01-01T00:01:01Z'));
      expect(ok.user.email).toBe('lock@example.test');
      // Success clears the account's count: three more failures are needed to lock it again.
      await expect(accounts.signIn('lock@example.test', 'wrong', meta, at('2030-01-01T00:01:02Z'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(accounts.signIn('lock@example.test', 'the right passphrase', meta, at('2030-01-01T00:01:03Z'))).resolves.toBeTruthy();
    });

    it('an admin reset lifts the lock at once', async () => {
      const { user } = await accounts.addUser({ email: 'reset@example.test', name: 'Reset Test', role: 'editor' }, new Date());
      for (let i = 0; i < 3; i++) await accounts.signIn('reset@example.test', 'wrong', { ...meta, ip: `10.1.0.${i}` }, new Date()).catch(() => {});
      await expect(accounts.signIn('reset@example.test', 'wrong', meta, new Date())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      const temporary = await accounts.resetPassword(user.id);
      await expect(accounts.signIn('reset@example.test', temporary, meta, new Date())).resolves.toMatchObject({ mustChangePassword: true });
    });

    it('ends a session after two weeks without use, and extends one that is used', async () => {
      const { user } = await accounts.addUser({ email: 'ttl@example.test', name: 'TTL Test', role: 'contributor', password: 'ttl passphrase!' }, new Date());
      const start = at('2030-02-01T00:00:00Z');
      const idle = await accounts.sessions.create(user.id, meta, start);
      const used = await accounts.sessions.create(user.id, meta, start);
      const tenDays = new Date(start.getTime() + 10 * 24 * 3600_000);
      expect(await accounts.sessions.load(used.token, tenDays)).not.toBeNull();
      const fifteenDays = new Date(start.getTime() + SESSION_TTL_MS + 24 * 3600_000);
      expect(await accounts.sessions.load(idle.token, fifteenDays)).toBeNull();
      expect(await accounts.sessions.load(used.token, fifteenDays)).not.toBeNull();
      expect(await accounts.sessions.load('x'.repeat(43), start)).toBeNull();
    });

    it('ends a session at its absolute lifetime however busy it is (SESSION_MAX_HOURS, 12 hours by default)', async () => {
      const strict = new Accounts(site.store.db);
      const { user } = await strict.addUser({ email: 'max-age@example.test', name: 'Max Age', role: 'writer', password: 'max age passphrase' }, new Date());
      const start = at('2030-03-01T08:00:00Z');
      const session = await strict.sessions.create(user.id, meta, start);
      for (let hour = 1; hour < 12; hour++) expect(await strict.sessions.load(session.token, new Date(start.getTime() + hour * 3600_000))).not.toBeNull();
      expect(await strict.sessions.load(session.token, new Date(start.getTime() + 12 * 3600_000 + 1))).toBeNull();
    });

    it('`dateline user add` prints a one-time password, or takes one from stdin', async () => {
      const first = capture();
      expect(await runUser({ action: 'add', email: 'Chief@Example.test', name: 'Chief Admin', role: 'admin' }, site.store, first.io)).toBe(0);
      expect(first.lines.out).toMatch(/Created admin Chief Admin <chief@example.test>/);
      const oneTime = first.lines.out.trim().split('\n').at(-1) as string;
      await expect(accounts.signIn('chief@example.test', oneTime, meta, new Date())).resolves.toMatchObject({ mustChangePassword: true });

      const second = capture();
      expect(await runUser({ action: 'add', email: 'pw@example.test', name: 'Piped', role: 'writer', password: 'piped passphrase' }, site.store, second.io)).toBe(0);
      expect(second.lines.out).not.toMatch(/One-time password/);
      await expect(accounts.signIn('pw@example.test', 'piped passphrase', meta, new Date())).resolves.toMatchObject({ mustChangePassword: false });
    });

    it('`dateline user add` says what is missing or wrong', async () => {
      await expect(runUser({ action: 'add', email: 'x@example.test', name: 'X' }, site.store, capture().io)).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/--role/),
      });
      await expect(runUser({ action: 'add', email: 'x@example.test', name: 'X', role: 'intern' }, site.store, capture().io)).rejects.toMatchObject({
        code: 'BAD_INPUT',
        hint: expect.stringMatching(/admin, editor, writer, contributor/),
      });
      await expect(
        runUser({ action: 'add', email: 'x@example.test', name: 'X', role: 'writer', password: 'short' }, site.store, capture().io),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/at least 10/) });
    });

    it('`dateline user list` and `reset-password` work by email', async () => {
      const list = capture();
      expect(await runUser({ action: 'list' }, site.store, list.io)).toBe(0);
      expect(list.lines.out).toMatch(/^ID\s+EMAIL\s+NAME\s+ROLE\s+STATUS\s+LAST SIGN-IN/);
      expect(list.lines.out).toMatch(/chief@example\.test\s+Chief Admin\s+admin\s+active/);
      const reset = capture();
      expect(await runUser({ action: 'reset-password', email: 'pw@example.test' }, site.store, reset.io)).toBe(0);
      const temporary = reset.lines.out.trim().split('\n').at(-1) as string;
      await expect(accounts.signIn('pw@example.test', temporary, meta, new Date())).resolves.toBeTruthy();
      const missing = capture();
      expect(await runUser({ action: 'reset-password', email: 'ghost@example.test' }, site.store, missing.io)).toBe(1);
      expect(missing.lines.err).toMatch(/no user with the address ghost@example.test/);
    });
  });
}
