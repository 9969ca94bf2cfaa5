import { escapeHtml } from '../../domain/html-text.js';
import { sanitizeStoryHtml } from '../../domain/sanitize-story-html.js';

/**
 * A WordPress post body → Dateline story HTML. WordPress stores bodies
 * half-finished: classic posts have no paragraphs (wpautop adds them when
 * the page is shown), shortcodes are expanded at display time, Gutenberg
 * posts carry their block tree in comments. This does those steps once,
 * turns what Dateline has no equivalent for into something a reader can
 * still follow (a link), and says what it did in `notes`. The result goes
 * through the editor's sanitizer like anything typed in the newsroom.
 */

/** A picture the body may point at, already in the media library. */
export interface BodyPicture {
  mediaId: number;
  /** The rendition URL a body `<img>` gets (`/media/<sha>.jpg`). */
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
}

export interface BodyContext {
  /** A picture by its old URL (any size WordPress made of it) or attachment ID. */
  pictureByUrl(url: string): BodyPicture | undefined;
  pictureById(id: string): BodyPicture | undefined;
  /** The pictures attached to this post, in menu order, for a `[gallery]` without ids. */
  attached(): BodyPicture[];
  /** Hosts of the old site: links to them become paths on this site, which redirect. */
  siteHosts: ReadonlySet<string>;
}

export interface CleanBody {
  html: string;
  /** What was changed or dropped, for the import summary. */
  notes: string[];
}

const BLOCK_TAGS = 'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|object|embed|video|audio|script';
const STARTS_BLOCK = new RegExp(`^<(?:${BLOCK_TAGS})[\\s/>]`, 'i');

export function cleanBody(raw: string, context: BodyContext): CleanBody {
  const notes: string[] = [];
  const isBlocks = raw.includes('<!-- wp:');
  let html = raw.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '');
  html = html.replace(/<!--more(.*?)?-->|<!--nextpage-->/g, '');
  html = embedWrappers(html, notes);
  html = shortcodes(html, context, notes);
  if (!isBlocks) html = autoParagraphs(html, notes);
  html = iframes(html, notes);
  html = pictures(html, context, notes);
  html = siteLinks(html, context.siteHosts);
  return { html: sanitizeStoryHtml(html), notes };
}

/**
 * WordPress's wpautop, in its essentials: blank lines separate paragraphs,
 * single line breaks inside one become <br>, and runs that begin with a
 * block element are left as they are.
 */
export function autoParagraphs(html: string, _notes: string[] = []): string {
  const text = html.replace(/\r\n?/g, '\n').trim();
  if (text === '') return '';
  // Keep <pre> blocks intact: their line breaks are the content.
  const blocks = text.split(/\n\s*\n/);
  return blocks
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (STARTS_BLOCK.test(block) ? block : `<p>${block.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

/** Gutenberg embed blocks keep the URL as text in a wrapper; readers get it as a link. */
function embedWrappers(html: string, notes: string[]): string {
  return html.replace(/<div class="wp-block-embed__wrapper">\s*(https?:\/\/[^\s<]+)\s*<\/div>/g, (_m, url: string) => {
    notes.push(`embed of ${hostOf(url)} shown as a link`);
    return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  });
}

/** `<iframe src>` (a pasted video player, a map) cannot be shown; its address becomes a link. */
function iframes(html: string, notes: string[]): string {
  return html.replace(/<iframe\b[^>]*\bsrc=["']([^"']+)["'][^>]*>(?:[\s\S]*?<\/iframe>)?/gi, (_m, src: string) => {
    const url = src.startsWith('//') ? `https:${src}` : src;
    notes.push(`embedded frame from ${hostOf(url)} shown as a link`);
    return `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  });
}

interface Shortcode {
  name: string;
  attrs: Record<string, string>;
  content: string | null;
}

const SHORTCODE = /\[(\[?)([a-z_][a-z0-9_-]*)((?:\s+[^\]]*?)?)(\/?)\](?:([\s\S]*?)\[\/\2\])?(\]?)/gi;

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g;
  let index = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[1]) attrs[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3]) attrs[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5]) attrs[m[5].toLowerCase()] = m[6] ?? '';
    else attrs[String(index++)] = m[7] ?? m[8] ?? '';
  }
  return attrs;
}

function shortcodes(html: string, context: BodyContext, notes: string[]): string {
  // Embeds on a line of their own (WordPress's auto-embed) become links before paragraphs are made.
  let out = html.replace(/^\s*(https?:\/\/[^\s<>"]+)\s*$/gm, (_m, url: string) => {
    notes.push(`embed of ${hostOf(url)} shown as a link`);
    return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  });
  // Nested shortcodes ([caption] inside [gallery] text) are rare; two rounds cover them.
  for (let round = 0; round < 2; round++) {
    out = out.replace(SHORTCODE, (whole, open: string, name: string, attrText: string, _selfClose: string, content: string | undefined, close: string) => {
      // [[name]] is WordPress's escape for a literal [name].
      if (open === '[' && close === ']') return whole.slice(1, -1);
      const code: Shortcode = { name: name.toLowerCase(), attrs: parseAttrs(attrText), content: content ?? null };
      return `${open}${expand(code, whole, context, notes)}${close}`;
    });
  }
  return out;
}

function expand(code: Shortcode, whole: string, context: BodyContext, notes: string[]): string {
  switch (code.name) {
    case 'caption':
    case 'wp_caption':
      return caption(code);
    case 'gallery':
      return gallery(code, context, notes);
    case 'embed': {
      const url = (code.content ?? '').trim();
      notes.push(`embed of ${hostOf(url)} shown as a link`);
      return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
    }
    case 'audio':
    case 'video':
    case 'playlist': {
      const src = code.attrs.src ?? code.attrs.mp3 ?? code.attrs.mp4 ?? code.attrs.m4a ?? code.attrs.ogg ?? code.attrs.webm ?? code.attrs.wav ?? '';
      notes.push(`[${code.name}] shown as a link to its file`);
      return src ? `<p><a href="${escapeHtml(src)}">${code.name === 'audio' ? 'Listen' : 'Watch'}: ${escapeHtml(src.split('/').pop() ?? src)}</a></p>` : '';
    }
    default: {
      // A bare word in brackets ("[sic]", "[1]") is prose, not a shortcode.
      const looksLikeCode = code.content !== null || Object.keys(code.attrs).length > 0 || /[_-]/.test(code.name);
      if (!looksLikeCode) return whole;
      notes.push(`unknown shortcode [${code.name}] removed${code.content ? ', its text kept' : ''}`);
      return code.content ?? '';
    }
  }
}

/** `[caption]<img …> The caption[/caption]` → figure with figcaption. */
function caption(code: Shortcode): string {
  const content = code.content ?? '';
  const picture = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)\s*([\s\S]*)$/i.exec(content);
  if (!picture) return content;
  const text = (code.attrs.caption ?? picture[2] ?? '').trim();
  return `<figure>${picture[1]}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

function gallery(code: Shortcode, context: BodyContext, notes: string[]): string {
  const ids = (code.attrs.ids ?? code.attrs.include ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const pictures = ids.length > 0 ? ids.map((id) => context.pictureById(id)) : context.attached();
  const found = pictures.filter((p): p is BodyPicture => p !== undefined);
  if (found.length < pictures.length) notes.push(`gallery: ${pictures.length - found.length} picture(s) not in the export or not imported`);
  if (found.length === 0) {
    notes.push('an empty gallery removed');
    return '';
  }
  return found.map((p) => figure(p, p.caption)).join('\n');
}

function figure(p: BodyPicture, captionText: string): string {
  const img = `<img src="${p.src}" alt="${escapeHtml(p.alt)}" width="${p.width}" height="${p.height}" data-media-id="${p.mediaId}">`;
  return `<figure data-media-id="${p.mediaId}">${img}${captionText ? `<figcaption>${escapeHtml(captionText)}</figcaption>` : ''}</figure>`;
}

/** Body pictures that came with the export point at the media library; links to the full size too. */
function pictures(html: string, context: BodyContext, notes: string[]): string {
  let out = html.replace(/<a\b[^>]*\bhref=["']([^"']+)["'][^>]*>\s*(<img\b[^>]*>)\s*<\/a>/gi, (whole, href: string, img: string) => {
    // A thumbnail linking to its own full size, or to its attachment page: the picture alone is enough.
    const src = /\bsrc=["']([^"']+)["']/i.exec(img)?.[1] ?? '';
    const target = context.pictureByUrl(href);
    return target && target === context.pictureByUrl(src) ? img : whole;
  });
  out = out.replace(/<img\b[^>]*>/gi, (img) => {
    const src = /\bsrc=["']([^"']+)["']/i.exec(img)?.[1] ?? '';
    // Already pointing at the library (a gallery expanded above).
    if (src.startsWith('/media/')) return img;
    const picture = context.pictureByUrl(src);
    if (!picture) {
      if (!/^https:\/\//i.test(src)) {
        notes.push(`picture ${src.slice(0, 120)} is not in the export and was left out`);
        return '';
      }
      return img;
    }
    const alt = /\balt=["']([^"']*)["']/i.exec(img)?.[1] ?? picture.alt;
    return `<img src="${picture.src}" alt="${alt || escapeHtml(picture.alt)}" width="${picture.width}" height="${picture.height}" data-media-id="${picture.mediaId}">`;
  });
  return out;
}

/** Links to the old site become site-relative, so they land on its redirects here. */
function siteLinks(html: string, hosts: ReadonlySet<string>): string {
  if (hosts.size === 0) return html;
  return html.replace(/(<a\b[^>]*\bhref=["'])(https?:\/\/[^"']+)(["'])/gi, (whole, start: string, href: string, end: string) => {
    try {
      const url = new URL(href);
      if (!hosts.has(url.host.toLowerCase())) return whole;
      return `${start}${url.pathname}${url.search}${url.hash}${end}`;
    } catch {
      return whole;
    }
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.slice(0, 60);
  }
}
