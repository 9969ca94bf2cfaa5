import type { Config } from '../config.js';
import type { Section } from '../domain/section.js';

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
  /** Path of the theme's stylesheet, content-hashed so it can be cached forever. */
  stylesheet: string;
  /** Path of the site's logo (PNG). */
  logo: string;
  /** The top-level section the page belongs to, to mark it in the menu. */
  currentSection?: Section | undefined;
}

export function absoluteUrl(site: Pick<SiteContext, 'url'>, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${site.url}${path.startsWith('/') ? '' : '/'}${path}`;
}

export type SiteSettings = Pick<Config, 'siteName' | 'siteDescription' | 'siteUrl' | 'language' | 'timeZone'>;
