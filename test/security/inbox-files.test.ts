import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { pwsStory } from '../wire/wire-helpers.js';

async function waitFor(file: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await lstat(file);
      return;
    } catch {
      if (Date.now() > end) throw new Error(`${file} did not appear`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`the wire inbox takes only regular files (${dialect})`, () => {
    let site: TestSite;
    let inbox: string;
    let outside: string;

    beforeAll(async () => {
      inbox = await mkdtemp(path.join(os.tmpdir(), 'dateline-sec-inbox-'));
      outside = await mkdtemp(path.join(os.tmpdir(), 'dateline-sec-outside-'));
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_INBOX: inbox, WIRE_POLLING: 'false' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
      await rm(inbox, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    });

    it('moves a symbolic link to failed/ unread, with a report, even one to a valid item', async () => {
      // A perfectly good item outside the inbox: reading through the link would ingest it.
      const secret = path.join(outside, 'secret.json');
      await writeFile(secret, pwsStory({ uri: 'urn:pws:sec:through-link', headline: 'Read through a link' }));
      await symlink(secret, path.join(inbox, 'linked.json'));
      await waitFor(path.join(inbox, 'failed', 'linked.json.report.json'));
      const report = JSON.parse(await readFile(path.join(inbox, 'failed', 'linked.json.report.json'), 'utf8')) as { result: string; reason: string };
      expect(report.result).toBe('refused');
      expect(report.reason).toMatch(/symbolic link/);
      expect((await lstat(path.join(inbox, 'failed', 'linked.json'))).isSymbolicLink()).toBe(true);
      expect(await site.store.wire.history('urn:pws:sec:through-link')).toBeUndefined();
      // The target is untouched.
      expect((await lstat(secret)).isFile()).toBe(true);
    });

    it('moves a named pipe to failed/ without blocking on it, and keeps ingesting after', async () => {
      execFileSync('mkfifo', [path.join(inbox, 'pipe.json')]);
      await waitFor(path.join(inbox, 'failed', 'pipe.json.report.json'));
      const report = JSON.parse(await readFile(path.join(inbox, 'failed', 'pipe.json.report.json'), 'utf8')) as { reason: string };
      expect(report.reason).toMatch(/not a regular file \(a pipe\)/);
      await writeFile(path.join(inbox, 'after.json'), pwsStory({ uri: 'urn:pws:sec:after-pipe', headline: 'Ingested after the pipe' }));
      await waitFor(path.join(inbox, 'done', 'after.json'));
      expect(await site.store.wire.history('urn:pws:sec:after-pipe')).toBeDefined();
    });
  });
}
