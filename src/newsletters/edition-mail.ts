import { escapeHtml } from '../domain/html-text.js';
import type { Media } from '../domain/media.js';
import { renditionNear } from '../domain/media.js';

/** A story as a newsletter shows it. */
export interface MailStory {
  headline: string;
  summary: string;
  /** Absolute URL of the story. */
  url: string;
  section: string;
  /** Absolute URL of a JPEG about 600 px wide, with its alt text. */
  picture?: { url: string; alt: string; width: number; height: number } | undefined;
}

export interface EditionMailInput {
  siteName: string;
  siteUrl: string;
  listName: string;
  subject: string;
  intro: string;
  stories: readonly MailStory[];
}

/** Stands for each recipient's own unsubscribe URL in the fixed edition; replaced per message. */
export const UNSUBSCRIBE_PLACEHOLDER = '%%UNSUBSCRIBE_URL%%';

/** Most stories one edition lists: keeps every message well under 100 KB (Gmail clips larger ones). */
export const MAX_STORIES = 15;

/** The picture a story's mail shows: a JPEG near 600 px (mail clients rarely show WebP or AVIF). */
export function mailPicture(media: Media | null, siteUrl: string): MailStory['picture'] {
  if (!media) return undefined;
  const rendition = renditionNear(media, 600, 'jpeg');
  if (!rendition) return undefined;
  return { url: `${siteUrl}${rendition.url}`, alt: media.alt, width: 600, height: Math.round((600 * rendition.height) / rendition.width) };
}

const FONT = "font-family:Georgia,'Times New Roman',serif;";
const SANS = 'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;';

/**
 * The HTML part: one 600 px table, inline styles (many clients drop
 * <style>), and a colour scheme that dark-mode clients may invert without
 * losing contrast; the <style> block only sharpens dark mode where it is read.
 */
export function editionHtml(input: EditionMailInput): string {
  const e = escapeHtml;
  const stories = input.stories.slice(0, MAX_STORIES).map((story, index) => {
    const picture = story.picture
      ? `<tr><td style="padding:0 0 12px 0;"><a href="${e(story.url)}"><img src="${e(story.picture.url)}" alt="${e(story.picture.alt)}" width="568" style="display:block;width:100%;max-width:568px;height:auto;border:0;border-radius:4px;"></a></td></tr>`
      : '';
    return `<tr><td class="card" style="padding:20px 16px;border-top:${index === 0 ? '0' : '1px solid #d6d3cc'};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${picture}
<tr><td class="muted" style="${SANS}font-size:12px;letter-spacing:0.06em;text-transform:uppercase;color:#5c5a55;padding:0 0 4px 0;">${e(story.section)}</td></tr>
<tr><td style="${FONT}font-size:22px;line-height:1.25;font-weight:bold;padding:0 0 8px 0;"><a class="link" href="${e(story.url)}" style="color:#1a1a1a;text-decoration:none;">${e(story.headline)}</a></td></tr>
<tr><td class="text" style="${FONT}font-size:16px;line-height:1.5;color:#2b2b2b;">${e(story.summary)}</td></tr>
</table></td></tr>`;
  });
  const intro = input.intro.trim()
    ? `<tr><td class="text" style="${FONT}font-size:17px;line-height:1.55;color:#2b2b2b;padding:16px 16px 8px 16px;">${input.intro
        .trim()
        .split(/\n{2,}/)
        .map((p) => `<p style="margin:0 0 12px 0;">${e(p)}</p>`)
        .join('')}</td></tr>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${e(input.subject)}</title>
<style>
@media (prefers-color-scheme: dark) {
  body, .page { background:#161616 !important; }
  .sheet, .card { background:#222222 !important; }
  .text, .link, .head { color:#f0ede6 !important; }
  .muted { color:#b8b4ab !important; }
}
</style></head>
<body style="margin:0;padding:0;background:#f3f1ec;">
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f1ec;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" class="sheet" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:6px;">
<tr><td class="head" style="${FONT}font-size:28px;font-weight:bold;color:#1a1a1a;padding:24px 16px 4px 16px;">${e(input.listName)}</td></tr>
<tr><td class="muted" style="${SANS}font-size:13px;color:#5c5a55;padding:0 16px 8px 16px;">${e(input.siteName)}</td></tr>
${intro}
${stories.join('\n')}
<tr><td class="muted" style="${SANS}font-size:12px;line-height:1.5;color:#5c5a55;padding:20px 16px 24px 16px;border-top:1px solid #d6d3cc;">
You get this because you subscribed to ${e(input.listName)} from <a href="${e(input.siteUrl)}" style="color:#5c5a55;">${e(input.siteName)}</a>.
<a href="${UNSUBSCRIBE_PLACEHOLDER}" style="color:#5c5a55;">Unsubscribe</a> with one click.
</td></tr>
</table></td></tr></table>
</body></html>`;
}

/** The text part: the same edition for clients (and readers) that show no HTML. */
export function editionText(input: EditionMailInput): string {
  const lines = [input.listName, input.siteName, ''];
  if (input.intro.trim()) lines.push(input.intro.trim(), '');
  for (const story of input.stories.slice(0, MAX_STORIES)) {
    lines.push(`${story.section.toUpperCase()}`, story.headline, story.summary, story.url, '');
  }
  lines.push('--', `You get this because you subscribed to ${input.listName} from ${input.siteName} (${input.siteUrl}).`, `Unsubscribe: ${UNSUBSCRIBE_PLACEHOLDER}`);
  return lines.join('\n');
}
