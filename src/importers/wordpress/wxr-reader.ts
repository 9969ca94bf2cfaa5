import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * Reads a WordPress export (WXR 1.0, 1.1, 1.2) as a stream: the file is
 * decoded and parsed a chunk at a time with saxes, and each author, term
 * and item is handed out as soon as its closing tag is read, so a 1 GB
 * export never exists as one string and memory stays bounded by the
 * largest single item. A well-formedness error inside an item spoils that
 * item only (it comes out with `errors`, never half-read); the reader goes
 * on with the next one.
 */

export type WxrRecord =
  | { kind: 'site'; version: string | null; link: string; baseSiteUrl: string; baseBlogUrl: string; title: string }
  | { kind: 'author'; login: string; email: string; displayName: string; id: string }
  | { kind: 'category'; slug: string; name: string; parent: string; description: string; termId: string }
  | { kind: 'tag'; slug: string; name: string }
  | { kind: 'item'; item: WxrItem }
  | { kind: 'problem'; at: Position; message: string };

export interface Position {
  line: number;
  column: number;
}

export interface WxrItem {
  /** Where the `<item>` opens in the file. */
  at: Position;
  /** Text of each direct child, by `prefix:local` with the prefix fixed (wp, content, excerpt, dc) whatever the file calls it. */
  fields: Map<string, string>;
  /** `wp:postmeta` pairs in file order (a key may repeat: `_wp_old_slug`). */
  meta: Array<[string, string]>;
  /** `<category domain="category|post_tag" nicename="…">Name</category>` */
  terms: Array<{ domain: string; slug: string; name: string }>;
  comments: number;
  /** Why this item cannot be trusted, with the position of each problem. */
  errors: Array<{ at: Position; message: string }>;
}

/** Namespace URIs → the prefix this reader uses; WordPress has moved between http and https and versions. */
function prefixOf(uri: string): string {
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/?$/.test(uri)) return 'excerpt';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/?$/.test(uri)) return 'wp';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc';
  if (uri === 'http://wellformedweb.org/CommentAPI/') return 'wfw';
  return uri === '' ? '' : '?';
}

/** Prefixes exports are known to use without declaring them (hand-edited files, broken plugins). */
const UNDECLARED: Record<string, string> = {
  wp: 'http://wordpress.org/export/1.2/',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to drop the control characters XML 1.0 forbids
const ILLEGAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The encoding the XML declaration names, read from the first bytes; UTF-8 when there is none. */
export function declaredEncoding(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.toString('latin1'));
  return (match?.[1] ?? 'utf-8').toLowerCase();
}

export interface ReadOptions {
  /** Called with the number of bytes read so far, for a progress bar. */
  onBytes?: (bytes: number) => void;
  chunkBytes?: number;
}

/**
 * The records of a WXR file in document order.
 * @throws Error when the declared encoding is one this reader cannot decode.
 */
export async function* readWxr(file: string, options: ReadOptions = {}): AsyncGenerator<WxrRecord> {
  const out: WxrRecord[] = [];
  const state = new WxrState(out);
  const parser = new SaxesParser({
    xmlns: true,
    position: true,
    resolvePrefix: (prefix: string) => {
      const uri = UNDECLARED[prefix];
      if (uri) state.warnOnce(`prefix-${prefix}`, parser, `the prefix "${prefix}:" is used without a namespace declaration; read as WordPress's`);
      return uri;
    },
  });
  state.attach(parser);

  let decoder: TextDecoder | null = null;
  let read = 0;
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!decoder) {
      const encoding = declaredEncoding(chunk);
      try {
        decoder = new TextDecoder(encoding);
      } catch {
        stream.destroy();
        throw new Error(`the file declares the encoding "${encoding}", which cannot be read (save the export as UTF-8)`);
      }
    }
    read += chunk.length;
    state.write(parser, decoder.decode(chunk, { stream: true }));
    options.onBytes?.(read);
    for (const record of out) yield record;
    out.length = 0;
  }
  if (decoder) state.write(parser, decoder.decode());
  state.close(parser);
  for (const record of out) yield record;
}

type Parser = SaxesParser<{ xmlns: true; position: true }>;

/** The parse state: which element we are in, and the record being gathered. */
class WxrState {
  private stack: string[] = [];
  private text = '';
  private item: WxrItem | null = null;
  /** Depth of the current `<item>` in the stack. */
  private itemDepth = -1;
  private group: Map<string, string> | null = null;
  private groupName = '';
  private groupDepth = -1;
  private term: { domain: string; slug: string } | null = null;
  private site = { version: null as string | null, link: '', baseSiteUrl: '', baseBlogUrl: '', title: '' };
  private siteSent = false;
  private warned = new Set<string>();
  private sawRss = false;

  constructor(private readonly out: WxrRecord[]) {}

  attach(parser: Parser): void {
    parser.on('opentag', (tag) => this.open(parser, tag));
    parser.on('closetag', (tag) => this.close_(parser, tag));
    parser.on('text', (text) => this.addText(parser, text));
    parser.on('cdata', (text) => this.addText(parser, text));
    parser.on('error', (error) => this.error(parser, error));
  }

  write(parser: Parser, text: string): void {
    parser.write(text.replace(ILLEGAL_CONTROL, ''));
  }

  close(parser: Parser): void {
    parser.close();
    if (this.item) this.finishItem('the file ends inside this item');
    if (!this.sawRss) this.out.push({ kind: 'problem', at: pos(parser), message: 'this is not a WordPress export: there is no <rss> element' });
    this.sendSite();
  }

  warnOnce(key: string, parser: Parser, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.out.push({ kind: 'problem', at: pos(parser), message });
  }

  private name(tag: SaxesTagNS): string {
    const prefix = prefixOf(tag.uri);
    return prefix ? `${prefix}:${tag.local}` : tag.local;
  }

  private open(parser: Parser, tag: SaxesTagNS): void {
    const name = this.name(tag);
    if (name === 'rss') this.sawRss = true;
    const depth = this.stack.length;
    if (name === 'item') {
      // An item that never closed (its closing tag lost) ends where the next begins.
      if (this.item) this.finishItem('the item is not closed before the next one begins');
      this.sendSite();
      this.item = { at: pos(parser), fields: new Map(), meta: [], terms: [], comments: 0, errors: [] };
      this.itemDepth = depth;
    } else if (this.item && depth === this.itemDepth + 1) {
      if (name === 'wp:postmeta') this.startGroup('postmeta', depth);
      else if (name === 'wp:comment') this.item.comments++;
      else if (name === 'category') {
        this.term = { domain: tag.attributes.domain?.value ?? 'category', slug: tag.attributes.nicename?.value ?? '' };
      }
    } else if (!this.item && (name === 'wp:author' || name === 'wp:category' || name === 'wp:tag' || name === 'wp:term')) {
      this.startGroup(name, depth);
    }
    this.stack.push(name);
    this.text = '';
  }

  private startGroup(name: string, depth: number): void {
    this.group = new Map();
    this.groupName = name;
    this.groupDepth = depth;
  }

  private addText(parser: Parser, text: string): void {
    if (text.includes('\ufffd') && this.item) {
      this.item.errors.push({ at: pos(parser), message: 'it holds bytes that are not valid in the encoding the file declares' });
    }
    // Text between elements of the channel or an item is only white space; keep what is inside leaves.
    this.text += text;
  }

  private close_(parser: Parser, tag: SaxesTagNS): void {
    const name = this.name(tag);
    this.stack.pop();
    const depth = this.stack.length;
    const text = this.text;
    this.text = '';
    if (this.item) {
      if (depth === this.itemDepth) {
        this.finishItem(null);
        return;
      }
      if (this.group && depth === this.groupDepth) {
        const key = this.group.get('wp:meta_key');
        if (key !== undefined) this.item.meta.push([key.trim(), this.group.get('wp:meta_value') ?? '']);
        this.group = null;
      } else if (this.group && depth === this.groupDepth + 1) {
        this.group.set(name, text);
      } else if (depth === this.itemDepth + 1) {
        if (name === 'category' && this.term) {
          this.item.terms.push({ domain: this.term.domain, slug: this.term.slug, name: text.trim() });
          this.term = null;
        } else if (name !== 'wp:comment') {
          this.item.fields.set(name, text);
        }
      }
      return;
    }
    if (this.group && depth === this.groupDepth) {
      this.finishGroup();
      return;
    }
    if (this.group && depth === this.groupDepth + 1) {
      this.group.set(name, text);
      return;
    }
    // Channel fields (rss > channel > x).
    if (depth === 2) {
      if (name === 'wp:wxr_version') this.site.version = text.trim();
      else if (name === 'link') this.site.link = text.trim();
      else if (name === 'wp:base_site_url') this.site.baseSiteUrl = text.trim();
      else if (name === 'wp:base_blog_url') this.site.baseBlogUrl = text.trim();
      else if (name === 'title') this.site.title = text.trim();
    }
    void parser;
  }

  private finishGroup(): void {
    const g = this.group as Map<string, string>;
    this.group = null;
    const get = (key: string) => (g.get(key) ?? '').trim();
    if (this.groupName === 'wp:author') {
      this.out.push({ kind: 'author', login: get('wp:author_login'), email: get('wp:author_email'), displayName: get('wp:author_display_name'), id: get('wp:author_id') });
    } else if (this.groupName === 'wp:category') {
      this.out.push({
        kind: 'category',
        slug: get('wp:category_nicename'),
        name: get('wp:cat_name'),
        parent: get('wp:category_parent'),
        description: get('wp:category_description'),
        termId: get('wp:term_id'),
      });
    } else if (this.groupName === 'wp:tag') {
      this.out.push({ kind: 'tag', slug: get('wp:tag_slug'), name: get('wp:tag_name') });
    } else if (this.groupName === 'wp:term') {
      // WXR 1.2 repeats categories and tags as generic terms; other taxonomies (nav_menu, post_format) are not ours.
      const taxonomy = get('wp:term_taxonomy');
      if (taxonomy === 'category') {
        this.out.push({ kind: 'category', slug: get('wp:term_slug'), name: get('wp:term_name'), parent: get('wp:term_parent'), description: get('wp:term_description'), termId: get('wp:term_id') });
      } else if (taxonomy === 'post_tag') {
        this.out.push({ kind: 'tag', slug: get('wp:term_slug'), name: get('wp:term_name') });
      }
    }
  }

  private finishItem(problem: string | null): void {
    const item = this.item as WxrItem;
    if (problem) item.errors.push({ at: item.at, message: problem });
    this.out.push({ kind: 'item', item });
    this.item = null;
    this.group = null;
    this.term = null;
    this.itemDepth = -1;
  }

  private sendSite(): void {
    if (this.siteSent) return;
    this.siteSent = true;
    this.out.push({ kind: 'site', ...this.site });
  }

  private error(parser: Parser, error: Error): void {
    // saxes prefixes its messages with the position; ours carries the position separately.
    const message = error.message.replace(/^[^:]*:\d+:\d+: /, '');
    if (this.item) this.item.errors.push({ at: pos(parser), message });
    else this.out.push({ kind: 'problem', at: pos(parser), message });
  }
}

/** The last value of a meta key, as WordPress's get_post_meta(…, true) reads it. */
export function metaValue(item: WxrItem, key: string): string | undefined {
  for (let i = item.meta.length - 1; i >= 0; i--) {
    const [k, v] = item.meta[i] as [string, string];
    if (k === key) return v;
  }
  return undefined;
}

function pos(parser: Parser): Position {
  return { line: parser.line, column: parser.column };
}
