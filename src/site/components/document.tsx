import type { ComponentChildren } from 'preact';
import { jsonForScript } from '../render-page.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';
import { CountPixel, type CountTarget } from './count-pixel.js';
import { SiteFooter } from './site-footer.js';
import { SiteHeader } from './site-header.js';

/** What a page says about itself to browsers, search engines and social sites. */
export interface PageMeta {
  title: string;
  description: string;
  /** Path of the page's canonical URL. */
  path: string;
  /** og:type: article for stories, profile for authors, website otherwise. */
  type: 'website' | 'article' | 'profile';
  image?: { url: string; width: number; height: number; alt: string } | undefined;
  /** article:* Open Graph properties for stories. */
  article?:
    | { publishedTime: string; modifiedTime: string; section: string; tags: string[]; authors: string[] }
    | undefined;
  prev?: string | undefined;
  next?: string | undefined;
  jsonLd?: unknown;
  /** Tell search engines to skip this page (errors, deep pagination is fine to index). */
  noindex?: boolean;
  /** What a view of this page counts toward (audience numbers); pages marked noindex are not counted. */
  count?: CountTarget | undefined;
  /** Feeds that follow this page, offered as `<link rel="alternate">`. */
  feeds?: Array<{ type: string; title: string; href: string }> | undefined;
}

export function Document({ site, meta, children }: { site: SiteContext; meta: PageMeta; children: ComponentChildren }) {
  const canonical = absoluteUrl(site, meta.path);
  const image = meta.image ?? { url: site.logoImage.path, width: site.logoImage.width, height: site.logoImage.height, alt: site.name };
  const imageUrl = absoluteUrl(site, image.url);
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={canonical} />
        {meta.prev && <link rel="prev" href={absoluteUrl(site, meta.prev)} />}
        {meta.next && <link rel="next" href={absoluteUrl(site, meta.next)} />}
        {meta.noindex && <meta name="robots" content="noindex" />}
        {/* The headline and body fonts, fetched before the stylesheet asks for them (font-display: swap keeps text visible meanwhile). */}
        {site.fonts.map((font) => (
          <link rel="preload" href={font} as="font" type="font/woff2" crossorigin="anonymous" key={font} />
        ))}
        <link rel="stylesheet" href={site.stylesheet} />
        <link rel="icon" href={site.icon} type="image/png" />
        <link rel="apple-touch-icon" href={site.icon} />
        {meta.feeds?.map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={absoluteUrl(site, feed.href)} key={feed.href} />
        ))}
        <meta property="og:site_name" content={site.name} />
        <meta property="og:locale" content={site.language.replace('-', '_')} />
        <meta property="og:type" content={meta.type} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:image" content={imageUrl} />
        <meta property="og:image:width" content={String(image.width)} />
        <meta property="og:image:height" content={String(image.height)} />
        <meta property="og:image:alt" content={image.alt} />
        {meta.article && <meta property="article:published_time" content={meta.article.publishedTime} />}
        {meta.article && <meta property="article:modified_time" content={meta.article.modifiedTime} />}
        {meta.article && <meta property="article:section" content={meta.article.section} />}
        {meta.article?.tags.map((tag) => <meta property="article:tag" content={tag} key={tag} />)}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        <meta name="twitter:image" content={imageUrl} />
        <meta name="twitter:image:alt" content={image.alt} />
        {meta.jsonLd !== undefined && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(meta.jsonLd) }} />
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader site={site} />
        <main id="main">{children}</main>
        <SiteFooter site={site} />
        {!meta.noindex && <CountPixel target={meta.count ?? {}} />}
      </body>
    </html>
  );
}
