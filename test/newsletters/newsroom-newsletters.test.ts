import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn } from '../support/admin-session.js';
import { rawHeader, type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = { ...process.env };
    delete clean.SMTP_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'dateline.js'), ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

describe('without SMTP_URL', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite('sqlite');
  }, 90_000);
  afterAll(async () => {
    await site?.close();
  });

  it('says plainly that mail is not configured, in the newsroom, on the form and in the CLI; nothing pretends to send', async () => {
    const editor = await signIn(site.url, (await createUser(site.store, 'editor')).email);
    const index = (await (await editor.call('GET', '/admin/api/newsletters')).json()) as any;
    expect(index.mailConfigured).toBe(false);
    expect(index.items.map((l: { slug: string }) => l.slug)).toEqual(['morning-tide', 'breaking-news']);
    const edition = (await (await editor.call('POST', `/admin/api/newsletters/${index.items[0].id}/editions`, { kind: 'digest' })).json()) as any;
    const send = await editor.call('POST', `/admin/api/editions/${edition.id}/send`, {});
    expect(send.status).toBe(503);
    expect(((await send.json()) as any).error).toMatchObject({ code: 'MAIL_NOT_CONFIGURED', message: expect.stringContaining('Mail is not configured') });
    expect((await site.store.newsletters.edition(edition.id))?.status).toBe('draft');

    const subscribe = await fetch(`${site.url}/newsletters/morning-tide/subscribe`, form({ email: 'a@example.org' }));
    expect(subscribe.status).toBe(503);
    expect(await subscribe.text()).toContain('cannot send mail yet');
    expect(await site.store.newsletters.subscriptions(index.items[0].id)).toEqual([]);

    const cli = await runCli(['newsletter', 'send', 'morning-tide'], { DATA_DIR: site.config.dataDir, DEMO: 'false', LOG_LEVEL: 'silent' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('Mail is not configured');
  }, 60_000);
});

describe('with SMTP_URL and DKIM', () => {
  let site: TestSite;
  let smtp: SmtpSink;
  let keyDir: string;
  // The site's clock: 06:01 in Los Angeles, a minute after Morning Tide's time.
  const now = new Date('2026-12-03T14:01:00Z');

  beforeAll(async () => {
    smtp = await startSmtpSink();
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-dkim-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(path.join(keyDir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    site = await startTestSite('sqlite', {
      now,
      // Jobs run when the test says (runDue), at the site's fixed clock.
      env: { JOBS: 'false', SMTP_URL: smtp.url, DKIM_DOMAIN: 'cedarcoastdispatch.example', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY_FILE: path.join(keyDir, 'dkim.pem'), NEWSLETTER_SUBSCRIBE_PER_MINUTE: '0' },
    });
  }, 90_000);
  afterAll(async () => {
    await site?.close();
    await smtp?.close();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('imports with consent dates, never re-subscribes who left, exports, and sends the 6 a.m. digest once, signed with DKIM', async () => {
    const editor = await signIn(site.url, (await createUser(site.store, 'editor')).email);
    const list = (await site.store.newsletters.listBySlug('morning-tide'))!;
    const csv = 'email,consented_at\nann@example.org,2025-04-01T09:00:00Z\n"Bob@Example.org",2025-05-02\ncarl@example.org,2025-06-03T10:00:00Z\n';
    const imported = await editor.call('POST', `/admin/api/newsletters/${list.id}/subscribers/import`, { csv });
    expect(await imported.json()).toEqual({ added: 3, updated: 0, skippedUnsubscribed: [] });
    const carl = (await site.store.newsletters.subscriptions(list.id)).find((s) => s.email === 'carl@example.org')!;
    await site.store.newsletters.unsubscribe(carl.id, now);
    const again = await editor.call('POST', `/admin/api/newsletters/${list.id}/subscribers/import`, { csv });
    expect(await again.json()).toEqual({ added: 0, updated: 0, skippedUnsubscribed: ['carl@example.org'] });
    const bad = await editor.call('POST', `/admin/api/newsletters/${list.id}/subscribers/import`, { csv: 'email,consented_at\nnot-an-address,2025-01-01\n' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toContain('line 2');
    const exported = await (await editor.call('GET', `/admin/api/newsletters/${list.id}/subscribers.csv`)).text();
    expect(exported.split('\n')[0]).toBe('email,status,requested_at,consented_at,unsubscribed_at,source');
    expect(exported).toContain('ann@example.org,confirmed,2025-04-01T09:00:00.000Z,2025-04-01T09:00:00.000Z,,import');
    expect(exported).toMatch(/carl@example\.org,unsubscribed,[^,]+,2025-06-03T10:00:00\.000Z,2026-12-03T14:01:00\.000Z,import/);

    // The once-a-minute job makes today's digest (it is 06:01 site time) and sends it to the two who stayed.
    await site.store.jobs.enqueue(site.store.db.kysely, { kind: 'newsletter.schedule', payload: null, key: 'periodic' }, now);
    for (let i = 0; i < 4; i++) await site.app.jobs.runDue();
    await smtp.waitFor(2);
    await expect.poll(async () => (await site.store.newsletters.editions(list.id)).map((e) => [e.issueDay, e.status])).toEqual([['2026-12-03', 'sent']]);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['ann@example.org', 'bob@example.org']);
    const signature = rawHeader(smtp.received[0]!.raw, 'DKIM-Signature');
    expect(signature).toContain('d=cedarcoastdispatch.example');
    expect(signature).toContain('s=mail2026');
    expect(signature).toMatch(/h=[^;]*List-Unsubscribe/i);
    // Running the schedule again the same day makes no second edition.
    await site.store.jobs.enqueue(site.store.db.kysely, { kind: 'newsletter.schedule', payload: null, key: 'periodic' }, now);
    await site.app.jobs.runDue();
    expect(await site.store.newsletters.editions(list.id)).toHaveLength(1);
  }, 60_000);

  it('previews an edition an editor composed, sends a test to one address, and a breaking alert', async () => {
    const editor = await signIn(site.url, (await createUser(site.store, 'editor')).email);
    const lists = (await (await editor.call('GET', '/admin/api/newsletters')).json()) as any;
    expect(lists.mailConfigured).toBe(true);
    const story = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now })).items[0]!;
    const composed = (await (await editor.call('POST', `/admin/api/newsletters/${lists.items[0].id}/editions`, { kind: 'composed', subject: 'Weekend reads', intro: 'Three stories for the ferry ride.', articleIds: [story.id] })).json()) as any;
    const preview = (await (await editor.call('GET', `/admin/api/editions/${composed.id}/preview`)).json()) as any;
    expect(preview).toMatchObject({ subject: 'Weekend reads', stories: 1 });
    expect(preview.html).toContain('Three stories for the ferry ride.');
    expect(preview.html).toContain(story.headline.replace(/&/g, '&amp;').replace(/’/g, '’'));
    expect(preview.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(preview.bytes).toBeLessThan(100 * 1024);
    expect(preview.text).toContain(`https://news.example.test${story.path}`);

    const before = smtp.received.length;
    expect((await editor.call('POST', `/admin/api/editions/${composed.id}/test`, { to: 'desk@example.org' })).status).toBe(200);
    await smtp.waitFor(before + 1);
    expect(smtp.received[before]!.to).toEqual(['desk@example.org']);
    expect(smtp.received[before]!.parsed.subject).toBe('[Test] Weekend reads');
    expect((await site.store.newsletters.edition(composed.id))?.status).toBe('draft');

    const alerts = lists.items.find((l: { kind: string }) => l.kind === 'alerts');
    const alert = (await (await editor.call('POST', `/admin/api/newsletters/${alerts.id}/editions`, { kind: 'alert', articleIds: [story.id] })).json()) as any;
    expect(alert.subject).toBe(`Breaking: ${story.headline}`);
    const writer = await signIn(site.url, (await createUser(site.store, 'writer')).email);
    expect((await writer.call('POST', `/admin/api/editions/${alert.id}/send`, {})).status).toBe(403);
    expect((await editor.call('POST', `/admin/api/editions/${alert.id}/send`, {})).status).toBe(200);
    await expect
      .poll(async () => {
        await site.app.jobs.runDue();
        return (await site.store.newsletters.edition(alert.id))?.status;
      })
      .toBe('sent');
  }, 60_000);

  it('sends the digest from the command line and says how many went out', async () => {
    const cli = await runCli(['newsletter', 'send', 'morning-tide'], { DATA_DIR: site.config.dataDir, DEMO: 'false', LOG_LEVEL: 'silent', SMTP_URL: smtp.url });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/^Morning Tide: sent 2 of 2 \(edition \d+, "Morning Tide — /);
    const unknown = await runCli(['newsletter', 'send', 'evening-tide'], { DATA_DIR: site.config.dataDir, DEMO: 'false', LOG_LEVEL: 'silent', SMTP_URL: smtp.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Lists: morning-tide, breaking-news');
  }, 60_000);
});
