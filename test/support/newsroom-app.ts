import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** The newsroom app built from the working tree for one browser suite. */
export interface NewsroomApp {
  /** Where it was built. */
  dir: string;
  /** Answers the context's requests for /admin pages and assets with this build (the admin API still goes to the server). */
  serve(context: BrowserContext): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Builds admin/ into a folder of its own, so suites running side by side
 * never read each other's half-written build (or the server's dist/), and
 * the browser sees the code under test rather than the last `npm run build`.
 */
export async function buildNewsroomApp(): Promise<NewsroomApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-admin-build-'));
  const build = spawnSync('npx', ['vite', 'build', '--config', 'admin/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(path.join(dir, 'index.html'))) {
    await rm(dir, { recursive: true, force: true });
    throw new Error('the newsroom app could not be built');
  }
  return {
    dir,
    async serve(context) {
      await context.route(/\/admin(\/(?!api\/).*)?$/, async (route) => {
        const { pathname } = new URL(route.request().url());
        const relative = pathname.replace(/^\/admin\/?/, '');
        // A path that is not a file is one of the app's own routes: the app's page answers it.
        const file = relative && existsSync(path.join(dir, relative)) ? path.join(dir, relative) : path.join(dir, 'index.html');
        await route.fulfill({ status: 200, body: await readFile(file), contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' });
      });
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
