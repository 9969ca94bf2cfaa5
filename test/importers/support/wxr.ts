import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Small WordPress exports written for the tests, in the shape WordPress
 * 6.x writes (WXR 1.2), with only what each case needs.
 */

export interface PostSpec {
  id: number;
  title: string;
  slug: string;
  status?: string;
  type?: string;
  /** `2024-05-02 10:20:30`, UTC. */
  dateGmt?: string;
  /** Local date as post_date; defaults to dateGmt. */
  date?: string;
  content?: string;
  excerpt?: string;
  creator?: string;
  categories?: Array<{ slug: string; name: string }>;
  tags?: Array<{ slug: string; name: string }>;
  meta?: Array<[string, string]>;
  parent?: number;
  attachmentUrl?: string;
  link?: string;
  comments?: number;
  /** Raw XML placed inside the item, for broken cases. */
  raw?: string;
}

export const SITE = 'https://old.example.org';

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function item(p: PostSpec): string {
  const date = p.date ?? p.dateGmt ?? '2024-05-02 10:20:30';
  const link = p.link ?? (p.type === 'attachment' ? `${SITE}/?attachment_id=${p.id}` : `${SITE}/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/${p.slug}/`);
  const terms = [
    ...(p.categories ?? []).map((c) => `<category domain="category" nicename="${c.slug}">${cdata(c.name)}</category>`),
    ...(p.tags ?? []).map((t) => `<category domain="post_tag" nicename="${t.slug}">${cdata(t.name)}</category>`),
  ];
  const meta = (p.meta ?? []).map(([k, v]) => `<wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`);
  const comments = Array.from({ length: p.comments ?? 0 }, (_, i) => `<wp:comment><wp:comment_id>${i + 1}</wp:comment_id><wp:comment_content>${cdata('Nice.')}</wp:comment_content></wp:comment>`);
  return `
<item>
  <title>${cdata(p.title)}</title>
  <link>${link}</link>
  <pubDate>Thu, 02 May 2024 10:20:30 +0000</pubDate>
  <dc:creator>${cdata(p.creator ?? 'reporter')}</dc:creator>
  <guid isPermaLink="false">${SITE}/?p=${p.id}</guid>
  <description></description>
  <content:encoded>${cdata(p.content ?? '')}</content:encoded>
  <excerpt:encoded>${cdata(p.excerpt ?? '')}</excerpt:encoded>
  <wp:post_id>${p.id}</wp:post_id>
  <wp:post_date>${cdata(date)}</wp:post_date>
  <wp:post_date_gmt>${cdata(p.dateGmt ?? date)}</wp:post_date_gmt>
  <wp:post_name>${cdata(p.slug)}</wp:post_name>
  <wp:status>${cdata(p.status ?? 'publish')}</wp:status>
  <wp:post_parent>${p.parent ?? 0}</wp:post_parent>
  <wp:post_type>${cdata(p.type ?? 'post')}</wp:post_type>
  <wp:is_sticky>0</wp:is_sticky>
  ${p.attachmentUrl ? `<wp:attachment_url>${cdata(p.attachmentUrl)}</wp:attachment_url>` : ''}
  ${terms.join('\n  ')}
  ${meta.join('\n  ')}
  ${comments.join('\n  ')}
  ${p.raw ?? ''}
</item>`;
}

export interface ExportSpec {
  authors?: Array<{ login: string; email: string; name: string }>;
  categories?: Array<{ slug: string; name: string; parent?: string }>;
  tags?: Array<{ slug: string; name: string }>;
  items: string[];
  /** Leave out <wp:wxr_version>. */
  noVersion?: boolean;
}

export function wxr(spec: ExportSpec): string {
  const authors = (spec.authors ?? [{ login: 'reporter', email: 'reporter@old.example.org', name: 'Rae Porter' }]).map(
    (a) => `<wp:author><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
  );
  const categories = (spec.categories ?? []).map(
    (c) => `<wp:category><wp:term_id>${c.slug.length}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(c.parent ?? '')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`,
  );
  const tags = (spec.tags ?? []).map((t) => `<wp:tag><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`);
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Old Gazette</title>
  <link>${SITE}</link>
  <description>An old site</description>
  <language>en-US</language>
  ${spec.noVersion ? '' : '<wp:wxr_version>1.2</wp:wxr_version>'}
  <wp:base_site_url>${SITE}</wp:base_site_url>
  <wp:base_blog_url>${SITE}</wp:base_blog_url>
  ${authors.join('\n  ')}
  ${categories.join('\n  ')}
  ${tags.join('\n  ')}
  ${spec.items.join('\n')}
</channel>
</rss>
`;
}

/** A JPEG of a size and colour, written where an uploads folder keeps it. */
export async function writePicture(file: string, width = 800, height = 500, hue = 40): Promise<Buffer> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: hue * 3 % 255, g: 120, b: 200 - (hue % 150) } } })
    .jpeg({ quality: 70 })
    .toBuffer();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return bytes;
}
