import { DatelineError } from '../domain/errors.js';
import type { Edition, NewsletterList } from '../domain/newsletter.js';
import { dayOf } from '../domain/zoned-day.js';
import type { Store } from '../store/index.js';
import { type NewsletterSite, renderEdition, siteFacts } from './edition-content.js';
import { UNSUBSCRIBE_PLACEHOLDER } from './edition-mail.js';
import type { Mailer } from './mailer.js';
import { NEWSLETTER_JOBS } from './newsletter-jobs.js';

export interface DeskDeps {
  store: Store;
  site: NewsletterSite;
  mailer: Mailer | undefined;
  clock: () => Date;
}

/** What the newsroom (admin API, CLI, story editor) asks of newsletters. */
export class NewsletterDesk {
  constructor(private readonly deps: DeskDeps) {}

  get mailConfigured(): boolean {
    return this.deps.mailer !== undefined;
  }

  /** Refuses plainly when there is no SMTP_URL: nothing pretends to send. */
  requireMail(): Mailer {
    if (!this.deps.mailer) {
      throw new DatelineError('MAIL_NOT_CONFIGURED', 'Mail is not configured: this server has no SMTP_URL, so it cannot send newsletters.', {
        hint: 'Set SMTP_URL (smtps://user:password@mail.example.com:465) and restart; see docs/newsletters.md.',
      });
    }
    return this.deps.mailer;
  }

  private async listOf(edition: Edition): Promise<NewsletterList> {
    const list = await this.deps.store.newsletters.listById(edition.listId);
    if (!list) throw new DatelineError('NOT_FOUND', `Newsletter list ${edition.listId} does not exist.`);
    return list;
  }

  async edition(id: number): Promise<Edition> {
    const edition = await this.deps.store.newsletters.edition(id);
    if (!edition) throw new DatelineError('NOT_FOUND', `There is no edition ${id}.`, { hint: 'List a newsletter’s editions to find its id.' });
    return edition;
  }

  /** The edition as readers would get it (the preview in the newsroom). */
  async preview(id: number): Promise<{ subject: string; html: string; text: string; stories: number }> {
    const edition = await this.edition(id);
    const rendered = await renderEdition(this.deps.store, await siteFacts(this.deps.site), await this.listOf(edition), edition, this.deps.clock());
    const unsubscribe = `${this.deps.site.siteUrl}/newsletters`;
    return { ...rendered, html: rendered.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe), text: rendered.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe) };
  }

  /** Sends the edition to one address now, marked as a test; subscribers get nothing. */
  async sendTest(id: number, to: string): Promise<void> {
    const mailer = this.requireMail();
    const edition = await this.edition(id);
    const list = await this.listOf(edition);
    const preview = await this.preview(id);
    await mailer.send({
      from: { name: list.fromName, address: list.fromAddress },
      to,
      replyTo: list.replyTo ?? undefined,
      subject: `[Test] ${preview.subject}`,
      html: preview.html,
      text: preview.text,
    });
  }

  /** Queues the edition to go out at `at` (default now); on any node, once. */
  async send(id: number, at?: Date): Promise<Edition> {
    this.requireMail();
    const edition = await this.edition(id);
    if (edition.status !== 'draft' && edition.status !== 'scheduled') {
      throw new DatelineError('CONFLICT', `Edition ${id} is ${edition.status}; only a draft or scheduled edition can be sent.`, { hint: 'Make a new edition.' });
    }
    const now = this.deps.clock();
    const runAt = at && at > now ? at : now;
    await this.deps.store.transaction(async (trx) => {
      // Started sending since it was read above (a double click): it goes out once, from the first send.
      if (!(await this.deps.store.newsletters.schedule(trx, id, runAt))) return;
      await this.deps.store.jobs.enqueue(trx, { kind: NEWSLETTER_JOBS.send, payload: { editionId: id }, runAt, key: String(id), replace: true }, now);
    });
    return this.edition(id);
  }

  /** A new automatic digest of a list, queued to go now (`dateline newsletter send`). */
  async sendDigestNow(list: NewsletterList): Promise<Edition> {
    this.requireMail();
    const now = this.deps.clock();
    const { timeZone } = await this.deps.site.settings();
    const edition = await this.deps.store.newsletters.createEdition({ listId: list.id, kind: 'digest', subject: digestSubject(list, now, timeZone) }, now);
    return this.send(edition!.id);
  }
}

/** "Morning Tide — Thursday, December 3" in the site's time zone. */
export function digestSubject(list: NewsletterList, at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(at);
  return `${list.name} — ${day}`;
}

export { dayOf };
