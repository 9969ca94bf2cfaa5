import { parseHTML } from 'linkedom';

/** What a news page says about itself, from JSON-LD first, then OpenGraph and meta tags. */
export interface ArticleFacts {
  headline: string | null;
  description: string | null;
  published: Date | null;
  authors: string[];
  image: string | null;
  imageAlt: string | null;
  /** The page's canonical address (absolute), the key a second import recognizes it by. */
  canonical: string | null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report)$/;

/**
 * Reads the facts of an article page.
 * @example readArticleFacts(html, 'https://paper.example/2024/story').headline
 */
export function readArticleFacts(html: string, pageUrl: string): ArticleFacts {
  const { document } = parseHTML(html);
  const meta = (key: string) =>
    (document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`))?.getAttribute('content')?.trim() || null;
  const absolute = (url: string | null | undefined) => {
    if (!url) return null;
    try {
      return new URL(url, pageUrl).toString();
    } catch {
      return null;
    }
  };
  const ld = jsonLdArticle(document);
  const canonical = absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? absolute(meta('og:url'));
  const ldImage = ld ? imageOf(ld.image) : null;
  const published = dateOf(text(ld?.datePublished)) ?? dateOf(meta('article:published_time'));
  return {
    headline: text(ld?.headline) ?? meta('og:title'),
    description: text(ld?.description) ?? meta('og:description') ?? meta('description'),
    published,
    authors: ld ? namesOf(ld.author) : (meta('author') ?? '').split(/\s*(?:,|\band\b)\s*/).filter(Boolean),
    image: absolute(ldImage ?? meta('og:image')),
    imageAlt: meta('og:image:alt'),
    canonical,
  };
}

function jsonLdArticle(document: Document): Record<string, unknown> | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const candidates = (Array.isArray(data) ? data : [data]).flatMap((d) => (d && typeof d === 'object' && Array.isArray((d as any)['@graph']) ? (d as any)['@graph'] : [d]));
    for (const candidate of candidates) {
      const type = (candidate as Record<string, unknown>)?.['@type'];
      const types = Array.isArray(type) ? type : [type];
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return candidate as Record<string, unknown>;
    }
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function dateOf(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function namesOf(author: unknown): string[] {
  const list = Array.isArray(author) ? author : author ? [author] : [];
  return list.flatMap((a) => (typeof a === 'string' ? [a] : a && typeof a === 'object' && typeof (a as any).name === 'string' ? [(a as any).name as string] : [])).map((n) => n.trim()).filter(Boolean);
}

function imageOf(image: unknown): string | null {
  const first = Array.isArray(image) ? image[0] : image;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as any).url === 'string') return (first as any).url;
  return null;
}
