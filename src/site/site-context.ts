import type { Config } from '../config.js';
import { menuSections, rootSection, type Section, sectionPath } from '../domain/section.js';
import { uriPath } from '../domain/slug.js';
import type { Store } from '../store/index.js';
import type { ThemeAssets } from './theme-assets.js';

export interface MenuItem {
  name: string;
  path: string;
}

/** What every page needs to know about the site it is part of. */
export interface SiteContext {
  name: string;
  description: string;
  /** Absolute base URL without a trailing slash. */
  url: string;
  language: string;
  timeZone: string;
  /** The moment the page is rendered; relative times count from it. */
  now: Date;
  menu: MenuItem[];
  /** Static pages linked from the footer (About, Contact, policies). */
  footerPages: MenuItem[];
  /** Path of the theme's stylesheet, content-hashed so it can be cached forever. */
  stylesheet: string;
  /** Path of the site's logo (PNG). */
  logo: string;
  /** The newsletter every page offers (the first daily digest list), if the newsroom has one. */
  newsletter?: { slug: string; name: string; description: string } | undefined;
  /** The top-level section the page belongs to, to mark it in the menu. */
  currentSection?: Section | undefined;
}

export function absoluteUrl(site: Pick<SiteContext, 'url'>, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${site.url}${path.startsWith('/') ? '' : '/'}${uriPath(path)}`;
}

export type SiteSettings = Pick<Config, 'siteName' | 'siteDescription' | 'siteUrl' | 'language' | 'timeZone'>;

/** What a page needs to know about the site, now, with `currentSection`'s top-level section marked in the menu. */
export async function buildSiteContext(
  deps: { store: Store; config: Readonly<Config>; assets: ThemeAssets; clock: () => Date },
  currentSection?: Section,
): Promise<SiteContext> {
  const { store, config, assets, clock } = deps;
  const [sections, byId, lists, footerPages] = await Promise.all([store.sections.all(), store.sections.byId(), store.newsletters.lists(), store.staticPages.footer()]);
  const digest = lists.find((l) => l.kind === 'digest');
  return {
    name: config.siteName,
    description: config.siteDescription,
    url: config.siteUrl,
    language: config.language,
    timeZone: config.timeZone,
    now: clock(),
    menu: menuSections(sections).map((s) => ({ name: s.name, path: sectionPath(s, byId) })),
    footerPages: footerPages.map((p) => ({ name: p.title, path: p.path })),
    stylesheet: assets.stylesheet.path,
    logo: assets.logo.path,
    currentSection: currentSection ? rootSection(currentSection, byId) : undefined,
    newsletter: digest && { slug: digest.slug, name: digest.name, description: digest.description },
  };
}
