import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStory, demoStoryPath } from '../support/demo-facts.js';

/**
 * `npm start` runs dist-server/dateline.js, the server bundled by
 * scripts/build-server.mjs. Modules that find files beside themselves (the
 * theme's CSS and fonts, the demo's stories and pictures, the wire schemas)
 * and the worker threads (search reads, entity extraction) must find them
 * from inside the bundle, as they do from src/ under the tests: this starts
 * the built server on a fresh data folder, as a reader would meet it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORY = demoStory('harbor-hawks-clinch-playoff-berth');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the bundled server npm start runs', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  let base: string;
  let output = '';

  beforeAll(async () => {
    // Nothing to do when dist-server/ is already built from these sources (npm install built it).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'inherit' });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-bundled-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SITE_URL: base };
    delete env.DATABASE_URL;
    delete env.DEMO;
    child = spawn(process.execPath, [path.join(ROOT, 'dist-server', 'dateline.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bundled server exited with ${child.exitCode}:\n${output}`);
      const status = await fetch(`${base}/`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`the bundled server did not answer 200 on / within 150 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((r) => child?.once('exit', r));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo on a fresh folder and serves its story with the theme, fonts and the committed picture', async () => {
    const page = await fetch(`${base}${demoStoryPath(STORY)}`);
    expect(page.status).toBe(200);
    const { document } = parseHTML(await page.text());
    expect(document.querySelector('h1')?.textContent).toBe(STORY.headline);
    const css = document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
    const stylesheet = await fetch(`${base}${css}`);
    expect(stylesheet.status).toBe(200);
    const font = (await stylesheet.text()).match(/url\((\/assets\/[^)]+\.woff2)\)/)?.[1];
    expect(font, 'the theme names a self-hosted font').toBeDefined();
    expect((await fetch(`${base}${font}`)).status).toBe(200);
    const picture = document.querySelector('article figure img')?.getAttribute('src') ?? '';
    const image = await fetch(`${base}${picture}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers a search (the read thread) and finds the people a story names (the extraction thread)', async () => {
    const search = await fetch(`${base}/search?q=${encodeURIComponent(STORY.headline.split(' ').slice(-2).join(' '))}`);
    expect(search.status).toBe(200);
    expect(await search.text()).toContain(STORY.headline);
    // The related jobs run after the first start; the story's Topics line appears once they have.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const html = await (await fetch(`${base}${demoStoryPath(STORY)}`)).text();
      if (/href="\/topics\/[^"]+"/.test(html)) break;
      if (Date.now() > deadline) throw new Error(`no topic link on the story within 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(output).not.toMatch(/extraction thread stopped|Cannot find module|ERR_MODULE_NOT_FOUND/);
  }, 200_000);
});
