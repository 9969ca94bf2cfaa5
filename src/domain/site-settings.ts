import { ACCENT_BACKGROUNDS, contrastRatio, MIN_CONTRAST } from './contrast.js';
import { SOCIAL_NAMES, SOCIAL_NETWORKS, type SocialNetwork } from './social-networks.js';
import { isTimeZone } from './time-format.js';

export { ACCENT_BACKGROUNDS, contrastRatio, MIN_CONTRAST, SOCIAL_NAMES, SOCIAL_NETWORKS, type SocialNetwork };

/**
 * Site settings the newsroom edits in the Settings screen and every node
 * reads from the database. Operators can still pin some of them with
 * environment variables (SITE_NAME …): a pinned value wins and the screen
 * shows the field as pinned.
 */
export interface FooterLink {
  label: string;
  /** An absolute http(s) URL or a path on the site (`/about`). */
  url: string;
}

export interface SocialAccount {
  network: SocialNetwork;
  url: string;
}

/** The values an admin edits as text; the logo is uploaded on its own. */
export interface EditableSettings {
  name: string;
  description: string;
  /** BCP 47 tag of the site's pages; stories may carry their own. */
  language: string;
  /** IANA zone in which times are shown. */
  timeZone: string;
  /** `#rrggbb`, readable on the page's light backgrounds (WCAG AA). */
  accentColor: string;
  footerLinks: FooterLink[];
  social: SocialAccount[];
}

export type SettingKey = keyof EditableSettings;

/** The settings an operator may pin with an environment variable, and its name. */
export const PINNABLE: Partial<Record<SettingKey, string>> = {
  name: 'SITE_NAME',
  description: 'SITE_DESCRIPTION',
  language: 'SITE_LANGUAGE',
  timeZone: 'SITE_TIME_ZONE',
  accentColor: 'SITE_ACCENT_COLOR',
};

/** The theme's own accent (the kickers' red), used until an admin picks another. */
export const DEFAULT_ACCENT = '#a3161b';

/** An uploaded logo as stored: the original (sanitized SVG or re-encoded PNG) and the rasters made from it. */
export interface StoredLogo {
  type: 'image/svg+xml' | 'image/png';
  /** Content hash of `original`, for immutable URLs. */
  hash: string;
  width: number;
  height: number;
  /** Base64 of the logo as served in the masthead. */
  original: string;
  /** Base64 PNG at most 600 px on its long side: feeds and the JSON-LD publisher logo need a raster. */
  png: string;
  pngWidth: number;
  pngHeight: number;
  /** Base64 PNG, 192 px square, the logo centred: the favicon. */
  icon: string;
}

/** What the database holds: any subset (a fresh site holds nothing and shows the defaults). */
export type StoredSettings = Partial<EditableSettings> & { logo?: StoredLogo | undefined };

export interface ResolvedSettings extends EditableSettings {
  logo: StoredLogo | undefined;
  /** Fields whose value comes from an environment variable and cannot be changed in the newsroom. */
  pinned: SettingKey[];
}

/**
 * The settings in force: an environment variable wins, then what the
 * newsroom saved, then the defaults (the configuration's own values).
 */
export function resolveSettings(defaults: EditableSettings, pinned: readonly SettingKey[], stored: StoredSettings): ResolvedSettings {
  const pick = <K extends SettingKey>(key: K): EditableSettings[K] => (pinned.includes(key) ? defaults[key] : ((stored[key] as EditableSettings[K] | undefined) ?? defaults[key]));
  return {
    name: pick('name'),
    description: pick('description'),
    language: pick('language'),
    timeZone: pick('timeZone'),
    accentColor: pick('accentColor'),
    footerLinks: pick('footerLinks'),
    social: pick('social'),
    logo: stored.logo,
    pinned: [...pinned],
  };
}

/** What a configuration says about the settings: its defaults, and which of them environment variables pin. */
export interface SettingsConfig {
  siteName: string;
  siteDescription: string;
  language: string;
  timeZone: string;
  accentColor: string;
  pinnedSettings?: readonly SettingKey[] | undefined;
}

/**
 * The settings in force now, read at each call: what every consumer of the
 * name, language or time zone (pages, feeds, mail, the APIs) is given, so a
 * save in the Settings screen shows on its next use on every node.
 */
export type SiteSettingsReader = () => Promise<ResolvedSettings>;

/** The defaults a configuration gives (its values from the environment or its own defaults). */
export function configDefaults(config: SettingsConfig): EditableSettings {
  return {
    name: config.siteName,
    description: config.siteDescription,
    language: config.language,
    timeZone: config.timeZone,
    accentColor: config.accentColor,
    footerLinks: [],
    social: [],
  };
}

/** Where an uploaded logo is served: content-addressed, so each path can be cached for good. */
export function uploadedLogoPaths(logo: Pick<StoredLogo, 'hash' | 'type'>): { masthead: string; raster: string; icon: string } {
  return {
    masthead: `/assets/logo.${logo.hash}.${logo.type === 'image/svg+xml' ? 'svg' : 'png'}`,
    raster: `/assets/logo-raster.${logo.hash}.png`,
    icon: `/assets/icon.${logo.hash}.png`,
  };
}

// ---------- Validation: each returns what is wrong with a value, or null ----------

export function accentProblem(value: string): string | null {
  if (!/^#[0-9a-fA-F]{6}$/.test(value)) return `"${value.slice(0, 40)}" is not a colour; give six hex digits such as #a3161b.`;
  const worst = Math.min(...ACCENT_BACKGROUNDS.map((bg) => contrastRatio(value.toLowerCase(), bg)));
  if (worst < MIN_CONTRAST) {
    return `${value} is too light to read on the page (contrast ${worst.toFixed(1)}:1; at least ${MIN_CONTRAST}:1 is needed). Pick a darker shade.`;
  }
  return null;
}

export function languageProblem(value: string): string | null {
  // A plain BCP 47 shape (language, optional script and region): what html lang and feeds carry.
  if (!/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/.test(value)) {
    return `"${value.slice(0, 40)}" is not a language tag; use one such as en-US, de or fr-CA.`;
  }
  try {
    Intl.getCanonicalLocales(value);
  } catch {
    return `"${value}" is not a language tag; use one such as en-US, de or fr-CA.`;
  }
  return null;
}

/**
 * A language tag as a wire file gives it ("de", "en-US", "pt_BR"), in BCP 47
 * form, or null when it is not one: a story then reads in the site's language.
 */
export function storyLanguage(raw: string | null | undefined): string | null {
  const tag = raw?.trim().replace(/_/g, '-');
  if (!tag || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && !languageProblem(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

export function timeZoneProblem(value: string): string | null {
  return isTimeZone(value) && value.includes('/') || value === 'UTC' ? null : `"${value.slice(0, 60)}" is not a time zone; use an IANA name such as Europe/Berlin.`;
}

/** A link a reader may follow: http(s) anywhere, or a path on the site. Never javascript:, data: or protocol-relative. */
export function linkProblem(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//') && !/[\s\\]/.test(url)) return null;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname) return null;
  } catch {
    // fall through
  }
  return `"${url.slice(0, 80)}" is not a link readers can follow; give an https:// address or a path on this site such as /about.`;
}

export const LIMITS = { name: 80, description: 300, footerLinks: 12, social: SOCIAL_NETWORKS.length, label: 40, url: 500 } as const;

/** Every problem of a settings patch, keyed by field (`footerLinks.2.url`); empty when it can be saved. */
export function settingsProblems(patch: Partial<EditableSettings>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (!name) problems.name = 'The site needs a name.';
    else if (name.length > LIMITS.name) problems.name = `The name is ${name.length} characters; keep it to ${LIMITS.name}.`;
  }
  if (patch.description !== undefined && patch.description.trim().length > LIMITS.description) {
    problems.description = `The description is ${patch.description.trim().length} characters; keep it to ${LIMITS.description}.`;
  }
  if (patch.language !== undefined) {
    const problem = languageProblem(patch.language);
    if (problem) problems.language = problem;
  }
  if (patch.timeZone !== undefined) {
    const problem = timeZoneProblem(patch.timeZone);
    if (problem) problems.timeZone = problem;
  }
  if (patch.accentColor !== undefined) {
    const problem = accentProblem(patch.accentColor);
    if (problem) problems.accentColor = problem;
  }
  if (patch.footerLinks !== undefined) {
    if (patch.footerLinks.length > LIMITS.footerLinks) problems.footerLinks = `At most ${LIMITS.footerLinks} footer links.`;
    patch.footerLinks.forEach((link, i) => {
      if (!link.label.trim()) problems[`footerLinks.${i}.label`] = `Link ${i + 1} needs a label.`;
      else if (link.label.trim().length > LIMITS.label) problems[`footerLinks.${i}.label`] = `Link ${i + 1}'s label is longer than ${LIMITS.label} characters.`;
      const problem = linkProblem(link.url.trim());
      if (problem) problems[`footerLinks.${i}.url`] = `Link ${i + 1}: ${problem}`;
    });
  }
  if (patch.social !== undefined) {
    const seen = new Set<string>();
    patch.social.forEach((account, i) => {
      if (seen.has(account.network)) problems[`social.${i}.network`] = `${SOCIAL_NAMES[account.network]} is listed twice.`;
      seen.add(account.network);
      const url = account.url.trim();
      if (!url.startsWith('https://') || linkProblem(url)) problems[`social.${i}.url`] = `${SOCIAL_NAMES[account.network]}: give the profile's https:// address.`;
    });
  }
  return problems;
}

/** Trims what an admin typed, so stored values are clean. */
export function normalizeSettings(patch: Partial<EditableSettings>): Partial<EditableSettings> {
  const out: Partial<EditableSettings> = {};
  if (patch.name !== undefined) out.name = patch.name.trim();
  if (patch.description !== undefined) out.description = patch.description.trim();
  if (patch.language !== undefined) out.language = patch.language.trim();
  if (patch.timeZone !== undefined) out.timeZone = patch.timeZone.trim();
  if (patch.accentColor !== undefined) out.accentColor = patch.accentColor.trim().toLowerCase();
  if (patch.footerLinks !== undefined) out.footerLinks = patch.footerLinks.map((l) => ({ label: l.label.trim(), url: l.url.trim() }));
  if (patch.social !== undefined) out.social = patch.social.map((s) => ({ network: s.network, url: s.url.trim() }));
  return out;
}
