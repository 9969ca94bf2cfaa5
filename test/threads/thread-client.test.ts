import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThreadClient } from '../../src/threads/index.js';

// A thread that holds a native handle (the SQLite read thread's connection) must close it before it
// ends: a worker torn down with open better-sqlite3 handles can take its whole process with it.
describe('a thread client', () => {
  let dir: string;
  let marker: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-thread-'));
    marker = path.join(dir, 'closed');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const client = (idleMs?: number) => new ThreadClient<string, string>(new URL('./echo-thread', import.meta.url), 'echo thread', { closedMarker: marker }, idleMs);

  it('answers in order, reports a failed request, and lets the thread close its handles when closed', async () => {
    const echo = client();
    expect(await Promise.all([echo.run('one'), echo.run('two')])).toEqual(['echo one', 'echo two']);
    await expect(echo.run('fail')).rejects.toThrow('asked to fail');
    const started = Date.now();
    await echo.close();
    expect(existsSync(marker)).toBe(true);
    // Ended on its own, well inside the grace time after which it would have been terminated.
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(echo.started).toBe(false);
  });

  it('stops an idle thread the same way, and starts a new one for the next request', async () => {
    const echo = client(100);
    expect(await echo.run('first')).toBe('echo first');
    await expect.poll(() => existsSync(marker), { timeout: 5_000 }).toBe(true);
    expect(echo.started).toBe(false);
    expect(await echo.run('again')).toBe('echo again');
    await echo.close();
  });
});
