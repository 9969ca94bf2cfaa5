import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DEMO_SEEDED_KEY } from '../demo/demo-marker.js';
import { DatelineError } from '../domain/errors.js';
import { Accounts } from '../newsroom/accounts/index.js';
import { buildApp } from '../server.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { assertPortFree } from './port-check.js';

export const serveUsage = `Usage: dateline serve [--port N] [--host ADDRESS] [--data-dir DIR] [--no-demo]

Serves the reader site. Creates and migrates the database on first start and,
unless it already has content, seeds the demo newsroom.

Options:
  --port N          port to listen on (env PORT, default 3000)
  --host ADDRESS    address to listen on (env HOST, default 0.0.0.0)
  --data-dir DIR    where the SQLite file and media live (env DATA_DIR, default ./data)
  --no-demo         do not seed the demo newsroom (env DEMO=false)
  -h, --help        show this help

Environment: DATABASE_URL (a postgres:// URL switches to PostgreSQL), SITE_URL,
SITE_NAME, SITE_TIME_ZONE (default America/Los_Angeles), PAGE_CACHE_SECONDS, LOG_LEVEL.
`;

export async function serveCommand(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-demo': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usageError((error as Error).message, serveUsage);
  }
  if (values.help) {
    process.stdout.write(serveUsage);
    return;
  }
  try {
    const config = loadConfig({
      ...process.env,
      ...(values.port !== undefined && { PORT: String(values.port) }),
      ...(values.host !== undefined && { HOST: String(values.host) }),
      ...(values['data-dir'] !== undefined && { DATA_DIR: String(values['data-dir']) }),
      ...(values['no-demo'] && { DEMO: 'false' }),
    });
    // Find a taken port before the slow first-start seeding, not after it.
    await assertPortFree(config.host, config.port);
    const store = await openStore(config);
    // Loaded only for a first start. The pictures are the committed files at first; a `demo.renditions`
    // job makes their other sizes and formats once the site is up, so the first page answers within seconds.
    if (config.demo && !(await store.meta.get(DEMO_SEEDED_KEY))) {
      const { seedDemo } = await import('../demo/seed-demo.js');
      const started = performance.now();
      const outcome = await seedDemo(store, path.join(config.dataDir, 'media'), {
        renditions: 'background',
        onStart: () => process.stdout.write('Seeding the demo newsroom (first start only)…\n'),
      });
      if (outcome.seeded) {
        process.stdout.write(`Seeded the demo newsroom: ${outcome.stories} stories (${((performance.now() - started) / 1000).toFixed(1)} s).\n`);
      }
    }
    const app = await buildApp({ config, store });
    try {
      await app.fastify.listen({ port: config.port, host: config.host });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new DatelineError('PORT_IN_USE', `Port ${config.port} on ${config.host} is already in use.`, {
          hint: 'Stop the other process, or start Dateline on another port: PORT=3001 npm start.',
          cause,
        });
      }
      throw cause;
    }
    const address = app.fastify.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    process.stdout.write(`Dateline is running at http://${shownHost}:${port}/ (${store.db.dialect}: ${store.db.location})\n`);
    if ((await new Accounts(store.db).users.count()) === 0) {
      process.stdout.write("The newsroom at /admin has no users yet. Create the first admin: npx dateline user add --email you@example.com --name 'Your Name' --role admin\n");
    }

    const stop = async (signal: string) => {
      process.stdout.write(`Received ${signal}, closing.\n`);
      await app.fastify.close();
      await store.db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    exitWithError(error);
  }
}
