import { dayOf } from '../domain/zoned-day.js';
import { type JobContext, JobError, type JobRunner } from '../jobs/index.js';
import type { DeliveryRow, Store } from '../store/index.js';
import { type NewsletterSite, renderEdition, siteFacts } from './edition-content.js';
import { UNSUBSCRIBE_PLACEHOLDER } from './edition-mail.js';
import type { Mailer } from './mailer.js';
import type { UnsubscribeSigner } from './tokens.js';

export const NEWSLETTER_JOBS = {
  /** Fixes an edition's mail and queues its batches; payload `{ editionId }`, key = the edition id. */
  send: 'newsletter.send',
  /** Sends one batch of deliveries; payload `{ editionId, fromId, toId }`. */
  batch: 'newsletter.batch',
  /** Every minute: makes each list's daily digest once its local time has come. */
  schedule: 'newsletter.schedule',
} as const;

export interface SendDeps {
  store: Store;
  site: NewsletterSite;
  mailer: Mailer | undefined;
  signer: UnsubscribeSigner;
  batchSize: number;
  clock: () => Date;
}

/** A scheduled digest is made only within this long after its time (a server down at 6 a.m. does not send at noon). */
const CATCH_UP_MS = 3 * 3_600_000;
/** Messages one batch hands the pooled transport at once. */
const PARALLEL = 10;

/**
 * Registers newsletter sending on the job queue. Each delivery row moves
 * queued → sending → sent under a conditional update, so across nodes and
 * restarts a subscriber gets an edition at most once; one found `sending`
 * after a crash is marked uncertain rather than sent again.
 */
export function registerNewsletterJobs(runner: JobRunner, deps: SendDeps): void {
  runner.register<{ editionId: number }>(NEWSLETTER_JOBS.send, { run: (payload, ctx) => startEdition(deps, payload.editionId, ctx), concurrency: 1, maxAttempts: 10 });
  runner.register<{ editionId: number; fromId: number; toId: number }>(NEWSLETTER_JOBS.batch, {
    run: (payload, ctx) => sendBatch(deps, payload, ctx),
    concurrency: 2,
    maxAttempts: 20,
    leaseMs: 60_000,
  });
  runner.register(NEWSLETTER_JOBS.schedule, { every: 60_000, run: () => makeScheduledDigests(deps) });
}

async function startEdition(deps: SendDeps, editionId: number, ctx: JobContext): Promise<void> {
  if (!deps.mailer) throw new JobError('mail is not configured (no SMTP_URL); the edition waits until it is', { retryInMs: 10 * 60_000 });
  const { store } = deps;
  const edition = await store.newsletters.edition(editionId);
  if (!edition || (edition.status !== 'draft' && edition.status !== 'scheduled')) return;
  const list = await store.newsletters.listById(edition.listId);
  if (!list) return;
  const mail = await renderEdition(store, await siteFacts(deps.site), list, edition, deps.clock());
  const queued = await ctx.complete(async (trx) => {
    const ids = await store.newsletters.startSending(trx, editionId, mail, deps.clock());
    if (!ids) return 0;
    for (let i = 0; i < ids.length; i += deps.batchSize) {
      const chunk = ids.slice(i, i + deps.batchSize);
      await store.jobs.enqueue(trx, { kind: NEWSLETTER_JOBS.batch, payload: { editionId, fromId: chunk[0], toId: chunk[chunk.length - 1] }, key: `${editionId}:${chunk[0]}` }, deps.clock());
    }
    return ids.length;
  });
  ctx.log.info({ editionId, recipients: queued }, 'newsletter edition queued');
  if (queued === 0) await store.newsletters.finishIfDone(editionId, deps.clock());
}

async function sendBatch(deps: SendDeps, range: { editionId: number; fromId: number; toId: number }, ctx: JobContext): Promise<void> {
  const { store, mailer } = deps;
  if (!mailer) throw new JobError('mail is not configured (no SMTP_URL)', { retryInMs: 10 * 60_000 });
  const rendered = await store.newsletters.renderedEdition(range.editionId);
  if (!rendered) return;
  const list = await store.newsletters.listById(rendered.listId);
  if (!list) return;
  const { rows, uncertain } = await store.newsletters.batchToSend(range.editionId, range);
  if (uncertain > 0) ctx.log.warn({ editionId: range.editionId, uncertain }, 'deliveries interrupted mid-send are not sent again');
  let retryLater: Error | undefined;
  // One group at a time: claimed in one statement, sent in parallel on the pooled connections, the
  // successes marked in one statement. A crash leaves at most one group `sending` (then `uncertain`).
  const sendOne = async (row: DeliveryRow): Promise<boolean> => {
    const token = await deps.signer.sign(row.subscriptionId);
    const url = `${deps.site.siteUrl}/newsletters/unsubscribe/${token}`;
    try {
      await mailer.send({
        from: { name: list.fromName, address: list.fromAddress },
        to: row.email,
        replyTo: list.replyTo ?? undefined,
        subject: rendered.subject,
        html: rendered.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, url),
        text: rendered.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, url),
        unsubscribe: { url, mailto: `mailto:${list.replyTo ?? list.fromAddress}?subject=unsubscribe` },
      });
      return true;
    } catch (error) {
      const failure = error as Error & { responseCode?: number; code?: string };
      if (failure.responseCode !== undefined && failure.responseCode >= 500) {
        // The server refused this address for good: retrying cannot help.
        await store.newsletters.markDone(row.id, { ok: false, error: failure.message });
      } else if ((failure.responseCode !== undefined && failure.responseCode >= 400) || failure.code === 'ECONNECTION' || failure.code === 'EDNS') {
        // Refused before the message was taken: safe to try again later.
        await store.newsletters.requeue(row.id);
        retryLater = failure;
      } else {
        await store.newsletters.markDone(row.id, { ok: false, error: `uncertain: ${failure.message}`, uncertain: true });
      }
      return false;
    }
  };
  for (let i = 0; i < rows.length && !ctx.signal.aborted && !retryLater; i += PARALLEL) {
    const group = rows.slice(i, i + PARALLEL);
    const mine = await store.newsletters.markSendingMany(group.map((r) => r.id));
    const taken = group.filter((r) => mine.has(r.id));
    const outcomes = await Promise.all(taken.map(sendOne));
    await store.newsletters.markSentMany(
      taken.filter((_, k) => outcomes[k]).map((r) => r.id),
      deps.clock(),
    );
  }
  if (retryLater) throw new JobError(`the mail server did not take messages: ${retryLater.message}`, { cause: retryLater });
  await store.newsletters.finishIfDone(range.editionId, deps.clock());
}

/** Local HH:MM of an instant in a time zone. */
function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

async function makeScheduledDigests(deps: SendDeps): Promise<void> {
  if (!deps.mailer) return;
  const { store } = deps;
  const now = deps.clock();
  // The site's time zone as the Settings screen has it now: "today" and 6 a.m. are the newsroom's.
  const { timeZone } = await deps.site.settings();
  const local = minutesOf(localTime(now, timeZone));
  const day = dayOf(now, timeZone);
  for (const list of await store.newsletters.lists()) {
    if (list.kind !== 'digest' || !list.sendAt) continue;
    const due = minutesOf(list.sendAt);
    if (local < due || (local - due) * 60_000 > CATCH_UP_MS) continue;
    const subject = `${list.name} — ${new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(now)}`;
    // One edition per list and day (a unique index), queued in the same transaction: once across nodes.
    await store.transaction(async (trx) => {
      const edition = await store.newsletters.createEdition({ listId: list.id, kind: 'digest', subject, issueDay: day, status: 'scheduled', scheduledAt: now }, now, trx);
      if (edition) await store.jobs.enqueue(trx, { kind: NEWSLETTER_JOBS.send, payload: { editionId: edition.id }, key: String(edition.id) }, now);
    });
  }
}
