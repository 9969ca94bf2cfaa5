/**
 * robots.txt: crawl everything but the newsroom and the API, and find the
 * sitemap index here (search engines retired the sitemap ping).
 */
export function robotsTxt(siteUrl: string): string {
  return ['User-agent: *', 'Disallow: /admin', 'Disallow: /api', 'Allow: /', '', `Sitemap: ${siteUrl}/sitemap.xml`, ''].join('\n');
}
