import type { Transporter } from 'nodemailer';
import type { MailConfig } from './mail-config.js';

/** One message as Dateline builds it. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
  /** RFC 2369 / RFC 8058 unsubscribe: the https URL that takes a one-click POST, and a mailto. */
  unsubscribe?: { url: string; mailto: string } | undefined;
}

/** The narrow face of the mail server: tests and benchmarks pass their own. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A pooled SMTP transport for SMTP_URL, signing with DKIM when configured.
 * Undefined without SMTP_URL: callers say plainly that mail is not configured.
 */
export function createMailer(config: MailConfig): Mailer | undefined {
  if (!config.smtpUrl) return undefined;
  const url = new URL(config.smtpUrl);
  // nodemailer loads with the first message, not with every server start (most nodes never send).
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: url.hostname,
        port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
        secure: url.protocol === 'smtps:',
        ...(url.username && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
        // A loopback test server has no certificate worth checking; any other host must have a valid one.
        tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(url.hostname) },
        pool: true,
        maxConnections: 10,
        maxMessages: Number.POSITIVE_INFINITY,
        ...(config.dkim && { dkim: config.dkim }),
      }),
    ));
  return {
    async send(mail) {
      await (await open()).sendMail({
        from: { name: mail.from.name, address: mail.from.address },
        to: mail.to,
        ...(mail.replyTo && { replyTo: mail.replyTo }),
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        ...(mail.unsubscribe && {
          // One header with both (a nested array): `List-Unsubscribe: <https://…>, <mailto:…>`.
          list: { unsubscribe: [[mail.unsubscribe.url, mail.unsubscribe.mailto]] },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }),
      });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
