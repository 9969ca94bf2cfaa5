import type { Config } from '../config.js';
import { menuSections, rootSection, type Section, sectionPath } from '../domain/section.js';
import { configDefaults, type FooterLink, type ResolvedSettings, type SocialAccount } from '../domain/site-settings.js';
import { uriPath } from '../domain/slug.js';
import type { Store } from '../store/index.js';
import type { ImageRef, ThemeAssets } from './theme-assets.js';

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
  /** Further footer links the newsroom set in its settings. */
  footerLinks: FooterLink[];
  /** The newsroom's social accounts, linked from the footer. */
  social: SocialAccount[];
  /** Path of the theme's stylesheet (with the site's accent colour), content-hashed so it can be cached forever. */
  stylesheet: string;
  /** Web fonts to preload. */
  fonts: readonly string[];
  /** Path of a raster of the site's logo (PNG): og:image fallback, JSON-LD publisher. */
  logo: string;
  /** The raster logo with its size. */
  logoImage: ImageRef;
  /** The logo as the masthead shows it (SVG or PNG). */
  masthead: ImageRef;
  /** The favicon. */
  icon: string;
  /** The newsletter every page offers (the first daily digest list), if the newsroom has one. */
  newsletter?: { slug: string; name: string; description: string } | undefined;
  /** The top-level section the page belongs to, to mark it in the menu. */
  currentSection?: Section | undefined;
}

export function absoluteUrl(site: Pick<SiteContext, 'url'>, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${site.url}${path.startsWith('/') ? '' : '/'}${uriPath(path)}`;
}

/**
 * The site's settings in force now: an environment variable wins, then what
 * the newsroom saved (read from memory, re-read after any node's change),
 * then the configuration's defaults.
 */
export async function currentSettings(store: Store, config: Readonly<Config>): Promise<ResolvedSettings> {
  return store.siteSettings.resolve(configDefaults(config), config.pinnedSettings);
}

/** What a page needs to know about the site, now, with `currentSection`'s top-level section marked in the menu. */
export async function buildSiteContext(
  deps: { store: Store; config: Readonly<Config>; assets: ThemeAssets; clock: () => Date },
  currentSection?: Section,
): Promise<SiteContext> {
  const { store, config, assets, clock } = deps;
  const [sections, byId, lists, footerPages, settings] = await Promise.all([
    store.sections.all(),
    store.sections.byId(),
    store.newsletters.lists(),
    store.staticPages.footer(),
    currentSettings(store, config),
  ]);
  const look = await assets.look(settings);
  const digest = lists.find((l) => l.kind === 'digest');
  return {
    name: settings.name,
    description: settings.description,
    url: config.siteUrl,
    language: settings.language,
    timeZone: settings.timeZone,
    now: clock(),
    menu: menuSections(sections).map((s) => ({ name: s.name, path: sectionPath(s, byId) })),
    footerPages: footerPages.map((p) => ({ name: p.title, path: p.path })),
    footerLinks: settings.footerLinks,
    social: settings.social,
    stylesheet: look.stylesheet,
    fonts: assets.preload,
    logo: look.raster.path,
    logoImage: look.raster,
    masthead: look.masthead,
    icon: look.icon,
    currentSection: currentSection ? rootSection(currentSection, byId) : undefined,
    newsletter: digest && { slug: digest.slug, name: digest.name, description: digest.description },
  };
}
