import { expect } from 'vitest';
import { getPage, metaContent, probe, textOf } from '../../support/reader-pages.js';
import { TEST_SITE_URL, type TestSite } from '../../support/test-site.js';

/**
 * The page contract's items 1-4 (../shared/design/page-contract.md, as
 * test/integration/every-page.test.ts checks them on the demo site) for a
 * page an import made: 200 HTML, lang, one title with the site's name, a
 * description, the canonical URL, the header with its menu, one main, no
 * script but JSON-LD, and an og:image that loads.
 */
export async function expectPageContract(site: TestSite, path: string): Promise<Document> {
  const page = await getPage(site, path);
  expect(page.status, path).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
  const { document } = page;
  expect(document.documentElement.getAttribute('lang')).toBeTruthy();
  const titles = document.querySelectorAll('head title');
  expect(titles).toHaveLength(1);
  expect(textOf(titles[0])).toContain(site.config.siteName);
  expect(metaContent(document, 'description')?.trim(), `${path} description`).toBeTruthy();
  expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${TEST_SITE_URL}${encodeURI(path)}`);
  expect(metaContent(document, 'viewport')).toMatch(/width=device-width/);
  const header = document.querySelector('body header');
  expect([...(header?.querySelectorAll('a[href="/"]') ?? [])].some((a) => textOf(a).includes(site.config.siteName))).toBe(true);
  expect(document.querySelectorAll('nav[aria-label="Sections"]')).toHaveLength(1);
  expect(document.querySelector('body footer')).not.toBeNull();
  expect(document.querySelectorAll('main')).toHaveLength(1);
  // Data blocks, or a script of the site's own (the audience counter); never inline code.
  for (const script of document.querySelectorAll('script')) {
    if (script.getAttribute('type') !== 'application/ld+json') expect(script.getAttribute('src') ?? '').toMatch(/^\/[^/]/);
  }
  expect(page.body).not.toMatch(/\son[a-z]+=/i);
  const image = metaContent(document, 'og:image') ?? '';
  const answer = await probe(site, image);
  expect(answer.status, image).toBe(200);
  expect(answer.contentType).toMatch(/^image\//);
  return document;
}

/** Every picture in `main` answers 200 with an image type. */
export async function expectImagesLoad(site: TestSite, document: Document): Promise<number> {
  const sources = [...document.querySelectorAll('main img')].map((img) => img.getAttribute('src') ?? '');
  for (const src of sources) {
    const answer = await probe(site, src);
    expect(answer.status, src).toBe(200);
    expect(answer.contentType, src).toMatch(/^image\//);
  }
  return sources.length;
}

/** The address an old URL answers 301 with (path only), or fails the test. */
export async function redirectOf(site: TestSite, path: string): Promise<string> {
  const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
  await response.arrayBuffer();
  expect(response.status, path).toBe(301);
  const location = response.headers.get('location') ?? '';
  return location.startsWith(TEST_SITE_URL) ? location.slice(TEST_SITE_URL.length) : location;
}
