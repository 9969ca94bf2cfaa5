import { parseArgs } from 'node:util';
import { AudienceReport } from '../analytics/index.js';
import { loadConfig } from '../config.js';
import type { Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

export const statsUsage = `Usage: dateline stats [--days N] [--limit N] [--json]

Prints views and visitors per story over the last N UTC days (today
included), most read first. A visitor is counted once a day per story;
nothing identifies them (docs/privacy.md).

Options:
  --days N     how many days (1 to 366, default 7)
  --limit N    how many stories (default 50)
  --json       one JSON object, for scripts
  -h, --help   show this help
`;

export async function statsCommand(argv: string[]): Promise<void> {
  let values: { days?: string | undefined; limit?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { days: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    usageError((error as Error).message, statsUsage);
  }
  if (values.help) {
    process.stdout.write(statsUsage);
    return;
  }
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) usageError(`--days is "${values.days}", not a whole number from 1 to 366.`, statsUsage);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) usageError(`--limit is "${values.limit}", not a whole number from 1 to 100000.`, statsUsage);
  let store: Store | undefined;
  try {
    store = await openStore(loadConfig());
    const report = new AudienceReport(store);
    const now = new Date();
    const stories = await report.perStory(now, days, limit);
    const totals = await store.audience.series('d', new Date(Date.parse(now.toISOString().slice(0, 10)) - (days - 1) * 86_400_000));
    const views = totals.reduce((n, p) => n + p.views, 0);
    const visitors = totals.reduce((n, p) => n + p.visitors, 0);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ days, views, visitors, stories: stories.map((s) => ({ id: Number(s.key), headline: s.label, path: s.path ?? null, views: s.views, visitors: s.visitors })) }, null, 2)}\n`);
    } else {
      process.stdout.write(`Last ${days} day${days === 1 ? '' : 's'}: ${views} views, ${visitors} visitors (a visitor counts once a day).\n\n`);
      process.stdout.write(`${'views'.padStart(8)} ${'visitors'.padStart(9)}  story\n`);
      for (const s of stories) process.stdout.write(`${String(s.views).padStart(8)} ${String(s.visitors).padStart(9)}  ${s.label}${s.path ? ` (${s.path})` : ''}\n`);
      if (stories.length === 0) process.stdout.write('No story views counted yet.\n');
    }
  } catch (error) {
    await store?.db.close();
    exitWithError(error);
  }
  await store?.db.close();
}
