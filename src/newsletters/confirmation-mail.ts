import { escapeHtml } from '../domain/html-text.js';
import type { NewsletterList } from '../domain/newsletter.js';
import type { OutgoingMail } from './mailer.js';

/** The double opt-in mail: one link, to a page whose button confirms (a prefetching scanner confirms no one). */
export function confirmationMail(list: NewsletterList, site: { siteName: string }, to: string, confirmUrl: string): OutgoingMail {
  const e = escapeHtml;
  const text = [
    `Please confirm that you want ${list.name} from ${site.siteName}.`,
    '',
    `Open this link and press the button on the page: ${confirmUrl}`,
    '',
    'The link works for 48 hours. If you did not ask for this, ignore this mail: you will not be subscribed.',
  ].join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Confirm ${e(list.name)}</title></head>
<body style="margin:0;padding:0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
<tr><td style="padding:0 0 12px 0;font-size:22px;font-weight:bold;">Confirm your subscription to ${e(list.name)}</td></tr>
<tr><td style="padding:0 0 16px 0;">Please confirm that you want ${e(list.name)} from ${e(site.siteName)}.</td></tr>
<tr><td style="padding:0 0 16px 0;"><a href="${e(confirmUrl)}" style="display:inline-block;padding:10px 18px;background:#1d4e89;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">Open the confirmation page</a></td></tr>
<tr><td style="padding:0 0 8px 0;font-size:14px;">The link works for 48 hours. If you did not ask for this, ignore this mail: you will not be subscribed.</td></tr>
</table></td></tr></table></body></html>`;
  return { from: { name: list.fromName, address: list.fromAddress }, to, replyTo: list.replyTo ?? undefined, subject: `Confirm your subscription to ${list.name}`, html, text };
}
