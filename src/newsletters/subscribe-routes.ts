import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizeEmail } from '../domain/newsletter.js';
import { limitPerMinute } from '../rate-limits.js';
import type { Store } from '../store/index.js';
import { confirmationMail } from './confirmation-mail.js';
import { type NewsletterSite, siteFacts } from './edition-content.js';
import { acceptForms } from './form-body.js';
import type { Mailer } from './mailer.js';
import { hashToken, newConfirmToken, type UnsubscribeSigner } from './tokens.js';

/** A message page in the site's dress; server.ts passes the site's renderer (the edges do not import each other). */
export interface MessagePageInput {
  title: string;
  paragraphs: string[];
  form?: { action: string; button: string; fields?: Record<string, string> } | undefined;
  subscribe?: { action: string; listName: string; email?: string } | undefined;
  links?: Array<{ href: string; text: string }> | undefined;
}
export type RenderMessagePage = (page: MessagePageInput) => Promise<string>;

export interface SubscribeDeps {
  store: Store;
  site: NewsletterSite;
  mailer: Mailer | undefined;
  signer: UnsubscribeSigner;
  page: RenderMessagePage;
  subscribePerMinute: number;
  clock: () => Date;
}

/**
 * The reader side of newsletters, all without JavaScript or cookies:
 * subscribe (honeypot, rate limit), confirm with a button (double opt-in),
 * and unsubscribe with one click (RFC 8058: a POST to the signed URL).
 * Every answer is `no-store`: none of it may sit in a shared cache.
 */
export async function subscribeRoutes(app: FastifyInstance, deps: SubscribeDeps): Promise<void> {
  const { store, page, clock } = deps;
  acceptForms(app);

  const show = async (reply: FastifyReply, status: number, input: MessagePageInput) =>
    reply.code(status).header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(await page(input));

  app.get('/newsletters', async (_request, reply) => {
    const lists = await store.newsletters.lists();
    return show(reply, 200, {
      title: 'Newsletters',
      paragraphs: lists.length === 0 ? ['This site has no newsletters yet.'] : lists.map((l) => `${l.name}: ${l.description}`),
      links: lists.map((l) => ({ href: `/newsletters/${encodeURIComponent(l.slug)}`, text: `Subscribe to ${l.name}` })),
    });
  });

  app.get<{ Params: { slug: string } }>('/newsletters/:slug', async (request, reply) => {
    const list = await store.newsletters.listBySlug(request.params.slug);
    if (!list) return show(reply, 404, { title: 'No such newsletter', paragraphs: ['There is no newsletter at this address.'] });
    return show(reply, 200, { title: list.name, paragraphs: [list.description], subscribe: { action: `/newsletters/${list.slug}/subscribe`, listName: list.name } });
  });

  app.post<{ Params: { slug: string }; Body: Record<string, string> | undefined }>(
    '/newsletters/:slug/subscribe',
    { onRequest: limitPerMinute(app, 'subscribe', deps.subscribePerMinute, 'address') },
    async (request, reply) => {
      const list = await store.newsletters.listBySlug(request.params.slug);
      if (!list) return show(reply, 404, { title: 'No such newsletter', paragraphs: ['There is no newsletter at this address.'] });
      const body = request.body ?? {};
      const action = `/newsletters/${list.slug}/subscribe`;
      const whatNext = (email: string) => ({
        title: 'Check your inbox',
        paragraphs: [
          `If ${email} is not subscribed to ${list.name} yet, we have sent it a mail with a link.`,
          'Open the link within 48 hours and press the button on the page it opens to confirm. Until then you are not subscribed and get nothing else from us.',
          'No mail? Look in your spam folder, or subscribe again in a few minutes.',
        ],
      });
      // A filled-in honeypot is a bot: answer as if all went well, and do nothing.
      if (body.website) return show(reply, 200, whatNext(String(body.email ?? 'that address')));
      const email = normalizeEmail(body.email);
      if (!email) {
        return show(reply, 400, {
          title: 'That address does not look right',
          paragraphs: ['Please give an email address like name@example.com.'],
          subscribe: { action, listName: list.name, email: typeof body.email === 'string' ? body.email.slice(0, 254) : '' },
        });
      }
      if (!deps.mailer) {
        return show(reply, 503, { title: 'Subscriptions are not open yet', paragraphs: ['This site cannot send mail yet, so it cannot confirm your address. Please try again later.'] });
      }
      const now = clock();
      const token = newConfirmToken(now);
      const outcome = await store.newsletters.subscribe(list.id, email, token, now);
      if (outcome.kind === 'pending') {
        try {
          await deps.mailer.send(confirmationMail(list, await siteFacts(deps.site), email, `${deps.site.siteUrl}/newsletters/confirm/${token.token}`));
        } catch (error) {
          request.log.error({ err: error }, 'confirmation mail failed');
          return show(reply, 503, { title: 'We could not send the mail', paragraphs: ['Our mail server did not take the confirmation mail. Please try again in a few minutes.'] });
        }
      }
      return show(reply, 200, whatNext(email));
    },
  );

  const confirmGone = {
    expired: { title: 'This link has expired', paragraphs: ['Confirmation links work for 48 hours. Subscribe again and we will send a new one.'] },
    unknown: { title: 'This link is not valid', paragraphs: ['It may be mistyped, or already replaced by a newer one. Subscribe again and we will send a new link.'] },
  };

  // GET only shows the button: mail scanners that open links must not confirm anyone.
  app.get<{ Params: { token: string } }>('/newsletters/confirm/:token', async (request, reply) => {
    const found = await store.newsletters.pendingByToken(hashToken(request.params.token), clock());
    if (found.kind === 'expired' || found.kind === 'unknown') return show(reply, found.kind === 'expired' ? 410 : 404, confirmGone[found.kind]);
    const list = await store.newsletters.listById(found.subscription.listId);
    if (found.kind === 'confirmed') return show(reply, 200, { title: 'You are subscribed', paragraphs: [`${found.subscription.email} already gets ${list?.name ?? 'this newsletter'}.`] });
    return show(reply, 200, {
      title: `Confirm ${list?.name ?? 'your subscription'}`,
      paragraphs: [`Press the button to start getting ${list?.name ?? 'the newsletter'} at ${found.subscription.email}.`],
      form: { action: `/newsletters/confirm/${encodeURIComponent(request.params.token)}`, button: 'Yes, subscribe me' },
    });
  });

  app.post<{ Params: { token: string } }>('/newsletters/confirm/:token', async (request, reply) => {
    const outcome = await store.newsletters.confirm(hashToken(request.params.token), clock());
    if (outcome.kind !== 'confirmed') return show(reply, outcome.kind === 'expired' ? 410 : 404, confirmGone[outcome.kind]);
    const list = await store.newsletters.listById(outcome.subscription.listId);
    const leave = `${deps.site.siteUrl}/newsletters/unsubscribe/${await deps.signer.sign(outcome.subscription.id)}`;
    return show(reply, 200, {
      title: 'You are subscribed',
      paragraphs: [`${outcome.subscription.email} will get ${list?.name ?? 'the newsletter'}.`, `Every mail has a link to leave with one click; it is also here: ${leave}`],
    });
  });

  const badLink = { title: 'This link is not valid', paragraphs: ['Use the unsubscribe link at the bottom of any newsletter mail.'] };

  app.get<{ Params: { token: string } }>('/newsletters/unsubscribe/:token', async (request, reply) => {
    const id = await deps.signer.verify(request.params.token);
    const subscription = id === undefined ? undefined : await store.newsletters.subscription(id);
    if (!subscription) return show(reply, 404, badLink);
    const list = await store.newsletters.listById(subscription.listId);
    if (subscription.status === 'unsubscribed') return show(reply, 200, { title: 'You are unsubscribed', paragraphs: [`${subscription.email} gets no more ${list?.name ?? 'newsletter'} mail.`] });
    return show(reply, 200, {
      title: `Unsubscribe from ${list?.name ?? 'this newsletter'}`,
      paragraphs: [`Press the button and ${subscription.email} gets no more ${list?.name ?? 'newsletter'} mail.`],
      form: { action: `/newsletters/unsubscribe/${encodeURIComponent(request.params.token)}`, button: 'Unsubscribe' },
    });
  });

  // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here without any session or CSRF token;
  // the signed token in the URL is the proof.
  app.post<{ Params: { token: string } }>('/newsletters/unsubscribe/:token', async (request, reply) => {
    const id = await deps.signer.verify(request.params.token);
    const subscription = id === undefined ? undefined : await store.newsletters.unsubscribe(id, clock());
    if (!subscription) return show(reply, 404, badLink);
    const list = await store.newsletters.listById(subscription.listId);
    return show(reply, 200, { title: 'You are unsubscribed', paragraphs: [`${subscription.email} gets no more ${list?.name ?? 'newsletter'} mail. Changed your mind? Subscribe again on any page.`] });
  });
}
