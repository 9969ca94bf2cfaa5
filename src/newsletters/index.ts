import type { FastifyInstance } from 'fastify';
import type { JobRunner } from '../jobs/index.js';
import type { Store } from '../store/index.js';
import type { NewsletterSite } from './edition-content.js';
import type { MailConfig } from './mail-config.js';
import type { Mailer } from './mailer.js';
import { registerNewsletterJobs } from './newsletter-jobs.js';
import { type RenderMessagePage, subscribeRoutes } from './subscribe-routes.js';
import { UnsubscribeSigner } from './tokens.js';

export type { NewsletterSite } from './edition-content.js';
export { type MailConfig, readMailConfig } from './mail-config.js';
export { createMailer, type Mailer, type OutgoingMail } from './mailer.js';
export { digestSubject, NewsletterDesk } from './newsletter-desk.js';
export { NEWSLETTER_JOBS, registerNewsletterJobs } from './newsletter-jobs.js';
export type { MessagePageInput, RenderMessagePage } from './subscribe-routes.js';
export { parseSubscriberCsv, subscribersCsv } from './subscriber-csv.js';
export { UnsubscribeSigner } from './tokens.js';

export interface NewsletterDeps {
  store: Store;
  /** The site's address and its settings reader (name, time zone), read at each use. */
  site: NewsletterSite;
  mail: MailConfig;
  page: RenderMessagePage;
  clock: () => Date;
  /** The mailer (createMailer(config.mail)); undefined when mail is not configured. */
  mailer: Mailer | undefined;
}

/** Newsletters in one server: the reader routes and the sending jobs on `runner` (register before it starts). */
export async function startNewsletters(app: FastifyInstance, runner: JobRunner, deps: NewsletterDeps): Promise<void> {
  const { mailer } = deps;
  const signer = new UnsubscribeSigner(deps.store);
  await app.register(async (scope) =>
    subscribeRoutes(scope, { store: deps.store, site: deps.site, mailer, signer, page: deps.page, subscribePerMinute: deps.mail.subscribePerMinute, clock: deps.clock }),
  );
  registerNewsletterJobs(runner, { store: deps.store, site: deps.site, mailer, signer, batchSize: deps.mail.batchSize, clock: deps.clock });
}
