import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatelineError } from '../domain/errors.js';
import { JobRunner } from '../jobs/index.js';
import { createMailer, NewsletterDesk, parseSubscriberCsv, registerNewsletterJobs, subscribersCsv, UnsubscribeSigner } from '../newsletters/index.js';
import type { Store } from '../store/index.js';
import { exitWithError, usageError } from './cli-output.js';
import { openStore } from './open-store.js';

export const newsletterUsage = `Usage: dateline newsletter <lists|send|export|import> [options]

Newsletters from the command line; the newsroom app does the same at /admin.

Subcommands:
  lists                  every list with its subscribers (confirmed, pending, unsubscribed)
  send SLUG              send the automatic digest of a list now and say how many went out
  export SLUG            print the list's subscribers as CSV, with consent dates
  import SLUG FILE       add confirmed subscribers from a CSV (email,consented_at);
                         addresses that unsubscribed from the list are skipped

Mail goes through SMTP_URL (smtp:// or smtps://); without it nothing is sent.

Options:
  -h, --help   show this help
`;

const quiet = { info() {}, warn() {}, error() {} };

async function listOf(store: Store, slug: string | undefined) {
  if (!slug) usageError('name the list by its slug, e.g. morning-tide.', newsletterUsage);
  const list = await store.newsletters.listBySlug(slug);
  if (!list) {
    const known = (await store.newsletters.lists()).map((l) => l.slug).join(', ') || 'none yet';
    throw new DatelineError('NOT_FOUND', `There is no newsletter list "${slug}".`, { hint: `Lists: ${known}.` });
  }
  return list;
}

export async function newsletterCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: false });
  const [name, ...rest] = positionals;
  if (values.help || name === undefined) {
    process.stdout.write(newsletterUsage);
    return;
  }
  if (!['lists', 'send', 'export', 'import'].includes(name)) usageError(`there is no newsletter subcommand "${name}".`, newsletterUsage);
  let store: Store | undefined;
  try {
    const config = loadConfig();
    store = await openStore(config);
    // The name and time zone the newsroom's Settings screen set (environment pins win), as the server uses.
    const site = { siteUrl: config.siteUrl, settings: store.siteSettings.reader(config) };
    if (name === 'lists') {
      const counts = await store.newsletters.subscriberCounts();
      for (const list of await store.newsletters.lists()) {
        const c = counts.get(list.id) ?? { confirmed: 0, pending: 0, unsubscribed: 0 };
        process.stdout.write(`${list.slug.padEnd(20)} ${list.name.padEnd(24)} ${String(c.confirmed).padStart(7)} confirmed ${String(c.pending).padStart(6)} pending ${String(c.unsubscribed).padStart(6)} unsubscribed${list.sendAt ? `  daily at ${list.sendAt}` : ''}\n`);
      }
      return;
    }
    if (name === 'export') {
      process.stdout.write(subscribersCsv(await store.newsletters.subscriptions((await listOf(store, rest[0])).id)));
      return;
    }
    if (name === 'import') {
      const list = await listOf(store, rest[0]);
      if (!rest[1]) usageError('give the CSV file to import.', newsletterUsage);
      const result = await store.newsletters.importConfirmed(list.id, parseSubscriberCsv(await readFile(rest[1], 'utf8')), new Date());
      process.stdout.write(`Imported into ${list.name}: ${result.added} added, ${result.updated} confirmed, ${result.skippedUnsubscribed.length} skipped (they had unsubscribed).\n`);
      return;
    }
    const list = await listOf(store, rest[0]);
    const mailer = createMailer(config.mail);
    const desk = new NewsletterDesk({ store, site, mailer, clock: () => new Date() });
    desk.requireMail();
    // This process runs the edition's jobs itself; a running server's runner may take some batches too, each once.
    const runner = new JobRunner(store, { log: quiet });
    registerNewsletterJobs(runner, { store, site, mailer, signer: new UnsubscribeSigner(store), batchSize: config.mail.batchSize, clock: () => new Date() });
    const edition = await desk.sendDigestNow(list);
    for (;;) {
      await runner.runDue();
      const now = await store.newsletters.edition(edition.id);
      if (!now || now.status === 'sent' || now.status === 'cancelled') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    mailer?.close();
    const d = await store.newsletters.deliveryCounts(edition.id);
    process.stdout.write(`${list.name}: sent ${d.sent} of ${d.sent + d.failed + d.uncertain} (edition ${edition.id}, "${edition.subject}")${d.failed ? `; ${d.failed} failed` : ''}${d.uncertain ? `; ${d.uncertain} uncertain` : ''}.\n`);
  } catch (error) {
    await store?.db.close();
    exitWithError(error);
  }
  await store?.db.close();
}
