import type { Article } from '../domain/article.js';
import { authorPath } from '../domain/author.js';
import { schemaTypeFor } from '../domain/label.js';
import { renditionNear } from '../domain/media.js';
import { sectionPath } from '../domain/section.js';
import { isoWithOffset } from '../domain/time-format.js';
import { absoluteUrl, type SiteContext } from './site-context.js';

/**
 * schema.org data for a story: NewsArticle, OpinionNewsArticle or
 * AdvertiserContentArticle, with the publisher as a NewsMediaOrganization.
 */
export function articleJsonLd(article: Article, site: SiteContext, sectionsById: ReadonlyMap<number, Article['section']>) {
  const url = absoluteUrl(site, article.path);
  const published = article.publishedAt ?? article.modifiedAt;
  const image = article.leadMedia ? renditionNear(article.leadMedia, 1280, 'jpeg') : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': schemaTypeFor(article.label),
    headline: article.headline,
    description: article.summary || undefined,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: isoWithOffset(published, site.timeZone),
    dateModified: isoWithOffset(article.updatedAt ?? published, site.timeZone),
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name),
    inLanguage: site.language,
    // Paid content without a byline is the advertiser's own work: the sponsor is its author.
    author:
      article.authors.length === 0 && article.sponsor
        ? [{ '@type': 'Organization', name: article.sponsor.name, url: article.sponsor.url }]
        : article.authors.map((author) => ({
            '@type': author.kind === 'organization' ? 'Organization' : 'Person',
            name: author.name,
            url: absoluteUrl(site, authorPath(author)),
          })),
    image:
      article.leadMedia && image
        ? {
            '@type': 'ImageObject',
            url: absoluteUrl(site, image.url),
            width: image.width,
            height: image.height,
            caption: article.leadMedia.caption,
            creditText: article.leadMedia.credit,
            copyrightNotice: article.leadMedia.copyright || undefined,
          }
        : undefined,
    // A wire story's rights as the agency gave them; staff copy has none (the publisher's own).
    copyrightNotice: article.copyrightNotice || undefined,
    copyrightHolder: article.copyrightHolder ? { '@type': 'Organization', name: article.copyrightHolder } : undefined,
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.name,
      url: site.url,
      logo: { '@type': 'ImageObject', url: absoluteUrl(site, site.logoImage.path), width: site.logoImage.width, height: site.logoImage.height },
    },
    isPartOf: { '@type': 'WebPage', url: absoluteUrl(site, sectionPath(article.section, sectionsById)) },
    // schema.org's CorrectionComment: what search engines show as a story's corrections (updates are not corrections).
    correction: article.corrections.some((n) => n.kind === 'correction')
      ? article.corrections
          .filter((n) => n.kind === 'correction')
          .map((n) => ({ '@type': 'CorrectionComment', text: n.text, datePublished: isoWithOffset(n.at, site.timeZone) }))
      : undefined,
  };
}
