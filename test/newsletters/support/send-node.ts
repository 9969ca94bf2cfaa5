// One sending node for the crash and two-node tests: opens the database DATA_DIR / DATABASE_URL names
// and runs newsletter jobs with the real SMTP mailer (SMTP_URL) until it is killed.

import { openStore } from '../../../src/cli/open-store.js';
import { loadConfig } from '../../../src/config.js';
import { JobRunner } from '../../../src/jobs/index.js';
import { createMailer, registerNewsletterJobs, UnsubscribeSigner } from '../../../src/newsletters/index.js';

const config = loadConfig();
const store = await openStore(config);
const mailer = createMailer(config.mail);
const log = { info() {}, warn() {}, error: (fields: object, message: string) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`) };
const runner = new JobRunner(store, { nodeId: process.env.NODE_ID ?? 'sender', pollMs: 50, log });
const site = { siteUrl: config.siteUrl, settings: store.siteSettings.reader(config) };
registerNewsletterJobs(runner, { store, site, mailer, signer: new UnsubscribeSigner(store), batchSize: config.mail.batchSize, clock: () => new Date() });
await runner.start();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await runner.stop();
  mailer?.close();
  await store.db.close();
  process.exit(0);
});
