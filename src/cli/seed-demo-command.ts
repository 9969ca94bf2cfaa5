import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { seedSynthetic } from '../demo/seed-synthetic.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';
import { progress } from './progress.js';

export const seedDemoUsage = `Usage: dateline seed-demo [--articles N]

Seeds the demo newsroom (sections, authors, pictures, 50 published stories and 3 still in the newsroom) into an
empty database. With --articles N, also adds N synthetic published stories
across the sections, for benchmarks (100,000 take about a minute on SQLite).

Options:
  --articles N   add N synthetic stories (0 to 5,000,000)
  -h, --help     show this help
`;

export async function seedDemoCommand(argv: string[]): Promise<void> {
  let values: { articles?: string | undefined; help?: boolean | undefined } = {};
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { articles: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    usageError((error as Error).message, seedDemoUsage);
  }
  if (values.help) {
    process.stdout.write(seedDemoUsage);
    return;
  }
  const articles = values.articles === undefined ? 0 : Number(values.articles);
  if (!Number.isInteger(articles) || articles < 0 || articles > 5_000_000) {
    usageError(`--articles must be a whole number from 0 to 5000000; got "${values.articles}".`, seedDemoUsage);
  }
  try {
    const config = loadConfig();
    const store = await openStore(config);
    const demo = await seedDemo(store, path.join(config.dataDir, 'media'));
    process.stdout.write(demo.seeded ? `Seeded the demo newsroom: ${demo.stories} stories.\n` : `Demo newsroom not seeded: ${demo.reason}.\n`);
    if (articles > 0) {
      const bar = progress('Adding stories', articles);
      const outcome = await seedSynthetic(store, articles, (done) => bar.update(done));
      bar.stop();
      process.stdout.write(
        `Added ${outcome.added} synthetic stories in ${outcome.seconds.toFixed(1)} s (${Math.round(outcome.added / outcome.seconds)} per second).\n`,
      );
    }
    await store.db.close();
  } catch (error) {
    exitWithError(error);
  }
}
