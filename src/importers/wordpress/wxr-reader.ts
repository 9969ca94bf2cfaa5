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
  /** An item `ReadOptions.parseItem` said to skip: counted, not read. */
  | { kind: 'unparsed'; text: string }
  /** `warning`: read anyway (an undeclared prefix); otherwise what is at `at` was not read. */
  | { kind: 'problem'; at: Position; message: string; warning?: boolean };

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
  /** Whether to parse an item, judged on its raw text; a pass that needs only some items skips the rest cheaply. */
  parseItem?: (text: string) => boolean;
}

/**
 * The records of a WXR file in document order.
 *
 * The text is first cut into the channel's head and its `<item>`s by a
 * small scanner that knows CDATA and comments, and each item is parsed by a
 * parser of its own. A broken item (a stray closing tag, an undefined
 * entity) then cannot take the items after it down with it, which a single
 * parser recovering from an error does: its stack no longer matches the file.
 * @throws Error when the declared encoding is one this reader cannot decode.
 */
export async function* readWxr(file: string, options: ReadOptions = {}): AsyncGenerator<WxrRecord> {
  const out: WxrRecord[] = [];
  const state = new WxrState(out);
  const splitter = new ItemSplitter();
  let decoder: TextDecoder | null = null;
  let read = 0;
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 256 * 1024 });
  const take = (segments: Segment[]) => {
    for (const segment of segments) {
      if (segment.kind === 'item' && options.parseItem && !options.parseItem(segment.text)) out.push({ kind: 'unparsed', text: segment.text });
      else state.parseSegment(segment);
    }
  };
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
    take(splitter.push(decoder.decode(chunk, { stream: true }).replace(ILLEGAL_CONTROL, '')));
    options.onBytes?.(read);
    for (const record of out) yield record;
    out.length = 0;
  }
  if (decoder) take(splitter.push(decoder.decode().replace(ILLEGAL_CONTROL, '')));
  take(splitter.end());
  state.finish();
  for (const record of out) yield record;
}

/** A piece of the file: the head (up to the first item), one item, or an item cut off by the end of the file. */
interface Segment {
  kind: 'head' | 'item' | 'unclosed';
  text: string;
  /** 1-based line and 0-based column where the text starts in the file. */
  line: number;
  column: number;
}

/**
 * Cuts the decoded text into the head and the items. It understands just
 * enough XML to not be fooled: `<item>` or `</item>` written inside CDATA
 * (a post about RSS) or a comment is text, not a boundary.
 */
class ItemSplitter {
  private buffer = '';
  /** Where scanning resumes in `buffer`. */
  private scan = 0;
  /** Where the current segment starts in `buffer`, and its file position. */
  private start = 0;
  private startLine = 1;
  private startColumn = 0;
  private inItem = false;
  private headDone = false;

  push(text: string): Segment[] {
    this.buffer += text;
    const out: Segment[] = [];
    for (;;) {
      const lt = this.buffer.indexOf('<', this.scan);
      if (lt < 0) {
        this.scan = this.buffer.length;
        break;
      }
      const rest = this.buffer.length - lt;
      if (rest < 12) {
        // Too little to tell what the tag is; wait for more text.
        this.scan = lt;
        break;
      }
      if (this.buffer.startsWith('<![CDATA[', lt)) {
        const close = this.buffer.indexOf(']]>', lt + 9);
        if (close < 0) {
          this.scan = lt;
          break;
        }
        this.scan = close + 3;
      } else if (this.buffer.startsWith('<!--', lt)) {
        const close = this.buffer.indexOf('-->', lt + 4);
        if (close < 0) {
          this.scan = lt;
          break;
        }
        this.scan = close + 3;
      } else if (isTag(this.buffer, lt, '<item')) {
        if (this.inItem) out.push(this.cut('unclosed', lt));
        else if (!this.headDone) out.push(this.cut('head', lt));
        else this.cut('head', lt); // Between items: white space, dropped.
        this.headDone = true;
        this.inItem = true;
        this.scan = lt + 5;
      } else if (this.inItem && this.buffer.startsWith('</item>', lt)) {
        out.push(this.cut('item', lt + 7));
        this.inItem = false;
        this.scan = this.start;
      } else {
        this.scan = lt + 1;
      }
    }
    this.compact();
    return out;
  }

  end(): Segment[] {
    const out: Segment[] = [];
    if (this.inItem) out.push(this.cut('unclosed', this.buffer.length));
    else if (!this.headDone) out.push(this.cut('head', this.buffer.length));
    return out;
  }

  /** The segment from `start` to `to`; the next one starts at `to`. */
  private cut(kind: Segment['kind'], to: number): Segment {
    const text = this.buffer.slice(this.start, to);
    const segment = { kind, text, line: this.startLine, column: this.startColumn };
    this.advance(text);
    this.start = to;
    return segment;
  }

  private advance(text: string): void {
    let newlines = 0;
    let last = -1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      newlines++;
      last = i;
    }
    if (newlines > 0) {
      this.startLine += newlines;
      this.startColumn = text.length - last - 1;
    } else {
      this.startColumn += text.length;
    }
  }

  /** Drops what was handed out, so the buffer holds at most the current item. */
  private compact(): void {
    if (this.start > 0) {
      this.buffer = this.buffer.slice(this.start);
      this.scan -= this.start;
      this.start = 0;
    }
  }
}

function isTag(text: string, at: number, name: string): boolean {
  if (!text.startsWith(name, at)) return false;
  const next = text[at + name.length];
  return next === '>' || next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === '/';
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
  /** Namespaces the <rss> element declares, bound in every item's parser. */
  private namespaces: Record<string, string> = {};
  private segment: Segment = { kind: 'head', text: '', line: 1, column: 0 };
  private parser: Parser | null = null;
  /** Problems of the item segment being parsed; they belong to its item however the parser recovered. */
  private segmentErrors: Array<{ at: Position; message: string }> = [];
  private segmentItem: WxrItem | null = null;

  constructor(private readonly out: WxrRecord[]) {}

  parseSegment(segment: Segment): void {
    this.segment = segment;
    this.stack = [];
    this.text = '';
    this.segmentErrors = [];
    this.segmentItem = null;
    const parser = new SaxesParser({
      xmlns: true,
      position: true,
      fragment: segment.kind !== 'head',
      additionalNamespaces: segment.kind === 'head' ? undefined : this.namespaces,
      resolvePrefix: (prefix: string) => {
        const uri = UNDECLARED[prefix];
        if (uri) this.warnOnce(`prefix-${prefix}`, `the prefix "${prefix}:" is used without a namespace declaration; read as WordPress's`);
        return uri;
      },
    }) as Parser;
    this.parser = parser;
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', (tag) => this.close(tag));
    parser.on('text', (text) => this.addText(text));
    parser.on('cdata', (text) => this.addText(text));
    parser.on('error', (error) => this.error(error));
    parser.write(segment.text);
    if (segment.kind === 'head') {
      // The head ends inside <channel>: its closing tags come after the items.
      this.sendSite();
      return;
    }
    parser.close();
    if (this.item) this.finishItem(segment.kind === 'unclosed' ? 'the item has no closing </item> (the file may be cut off)' : 'the item is not well-formed');
    // Set by finishItem from inside the parser's callbacks, which the compiler does not follow.
    const item = this.segmentItem as WxrItem | null;
    if (item) item.errors.push(...this.segmentErrors);
    else for (const e of this.segmentErrors) this.out.push({ kind: 'problem', ...e });
  }

  finish(): void {
    if (!this.sawRss) this.out.push({ kind: 'problem', at: { line: 1, column: 1 }, message: 'this is not a WordPress export: there is no <rss> element' });
    this.sendSite();
  }

  private pos(): Position {
    const parser = this.parser as Parser;
    const line = this.segment.line + parser.line - 1;
    const column = parser.line === 1 ? this.segment.column + parser.column : parser.column;
    return { line, column: column + 1 };
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.out.push({ kind: 'problem', at: this.pos(), message, warning: true });
  }

  private name(tag: SaxesTagNS): string {
    const prefix = prefixOf(tag.uri);
    return prefix ? `${prefix}:${tag.local}` : tag.local;
  }

  private open(tag: SaxesTagNS): void {
    const name = this.name(tag);
    if (name === 'rss') {
      this.sawRss = true;
      for (const [prefix, uri] of Object.entries(tag.ns ?? {})) {
        if (prefix && prefix !== 'xml' && prefix !== 'xmlns') this.namespaces[prefix] = uri;
      }
    }
    const depth = this.stack.length;
    if (name === 'item' && !this.item) {
      this.sendSite();
      this.item = { at: this.pos(), fields: new Map(), meta: [], terms: [], comments: 0, errors: [] };
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

  private addText(text: string): void {
    if (text.includes('\ufffd') && this.item) {
      this.item.errors.push({ at: this.pos(), message: 'it holds bytes that are not valid in the encoding the file declares' });
    }
    // Text between elements of the channel or an item is only white space; keep what is inside leaves.
    this.text += text;
  }

  private close(tag: SaxesTagNS): void {
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
    this.segmentItem = item;
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

  private error(error: Error): void {
    // saxes prefixes its messages with the position; ours carries the file's position separately.
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    if (this.segment.kind !== 'head') this.segmentErrors.push({ at: this.pos(), message });
    else this.out.push({ kind: 'problem', at: this.pos(), message });
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
