import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_ACCENT, type ResolvedSettings, type SiteSettingsReader, uploadedLogoPaths } from '../domain/site-settings.js';

export interface Asset {
  path: string;
  body: Buffer;
  contentType: string;
  /** Extra response headers (an uploaded SVG is served under a CSP that forbids scripts). */
  headers?: Record<string, string>;
}

/** An image the pages point at, with its size. */
export interface ImageRef {
  path: string;
  width: number;
  height: number;
}

/** What pages link for the site's current settings: the stylesheet with its accent, the logo, the favicon. */
export interface Look {
  stylesheet: string;
  /** The logo as the masthead shows it (an uploaded SVG stays SVG). */
  masthead: ImageRef;
  /** A raster of the logo: feeds, JSON-LD publisher, og:image fallback. */
  raster: ImageRef;
  /** The favicon (PNG, square). */
  icon: string;
}

export interface ThemeAssets {
  /** The stylesheet with the theme's own accent. */
  stylesheet: Asset;
  /** Web fonts the pages preload (the serif's regular and bold). */
  preload: readonly string[];
  /** Every asset this process can serve now; more are added as settings change. */
  byPath: Map<string, Asset>;
  /** The stylesheet, logo and favicon for these settings (made once per distinct value, then served from memory). */
  look(settings: ResolvedSettings): Promise<Look>;
  /**
   * An asset by path; on a miss, the current settings' assets are made first
   * (a reader may ask this node for a logo another node's page linked).
   */
  find(assetPath: string, settings: SiteSettingsReader): Promise<Asset | undefined>;
}

const IMMUTABLE_SVG_HEADERS = {
  // An uploaded SVG is sanitized on the way in; this makes sure a browser opening it directly runs nothing anyway.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
};

function hashed(name: string, ext: string, body: Buffer | string): string {
  return `/assets/${name}.${createHash('sha1').update(body).digest('hex').slice(0, 10)}.${ext}`;
}

/** The masthead mark for a site without an uploaded logo: its initials over the coast, drawn as SVG. */
function logoSvg(initials: string): string {
  const text = initials.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" rx="120" fill="#0b3a53"/>
  <path d="M0 420 C120 380 200 460 300 420 S480 380 600 420 V600 H0Z" fill="#1d6f8c"/>
  <path d="M0 480 C140 450 220 520 320 480 S500 450 600 480 V600 H0Z" fill="#3fa7b8"/>
  <text x="300" y="330" font-family="DejaVu Serif, Georgia, serif" font-size="230" font-weight="700" fill="#f4efe6" text-anchor="middle">${text}</text>
</svg>`;
}

function initialsOf(siteName: string): string {
  return (
    siteName
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w) && !/^(the|of|and)$/i.test(w))
      .map((w) => w[0])
      .join('') || 'D'
  );
}

/** The web fonts: Source Serif 4 for headlines and stories, Source Sans 3 for labels; Latin subset, woff2. */
const FONTS = [
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', file: 'source-serif-4-latin-400-normal.woff2', weight: 400, style: 'normal', preload: true },
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', file: 'source-serif-4-latin-400-italic.woff2', weight: 400, style: 'italic', preload: false },
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', file: 'source-serif-4-latin-700-normal.woff2', weight: 700, style: 'normal', preload: true },
  { family: 'Source Sans 3', pkg: '@fontsource/source-sans-3', file: 'source-sans-3-latin-400-normal.woff2', weight: 400, style: 'normal', preload: false },
  { family: 'Source Sans 3', pkg: '@fontsource/source-sans-3', file: 'source-sans-3-latin-700-normal.woff2', weight: 700, style: 'normal', preload: false },
] as const;

/** The Latin subset's code points, as Fontsource declares them: other scripts fall back to system fonts. */
const LATIN_RANGE =
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';

async function loadFonts(): Promise<{ assets: Asset[]; css: string; preload: string[] }> {
  const require = createRequire(import.meta.url);
  const assets: Asset[] = [];
  const rules: string[] = [];
  const preload: string[] = [];
  for (const font of FONTS) {
    const file = path.join(path.dirname(require.resolve(`${font.pkg}/package.json`)), 'files', font.file);
    const body = await readFile(file);
    const asset = { path: hashed(font.file.replace(/\.woff2$/, ''), 'woff2', body), body, contentType: 'font/woff2' };
    assets.push(asset);
    if (font.preload) preload.push(asset.path);
    rules.push(
      `@font-face { font-family: "${font.family}"; font-style: ${font.style}; font-weight: ${font.weight}; font-display: swap; src: url(${asset.path}) format("woff2"); unicode-range: ${LATIN_RANGE}; }`,
    );
  }
  return { assets, css: `${rules.join('\n')}\n`, preload };
}

async function rasterise(svg: string, cacheDir: string, size?: number): Promise<Buffer> {
  const cached = path.join(cacheDir, `logo-${createHash('sha1').update(svg).digest('hex').slice(0, 12)}${size ? `-${size}` : ''}.png`);
  try {
    return await readFile(cached);
  } catch {
    // Drawn once per name and kept, so a restarting server need not load the image library for it.
    const { default: sharp } = await import('sharp');
    const image = sharp(Buffer.from(svg));
    const png = await (size ? image.resize(size, size) : image).png({ compressionLevel: 9 }).toBuffer();
    await mkdir(cacheDir, { recursive: true });
    await writeFile(cached, png);
    return png;
  }
}

/**
 * Reads the theme's stylesheet and fonts and draws the default logo;
 * content-hashed paths let browsers cache them for good. What the
 * newsroom's settings change (the accent colour, an uploaded logo, the name
 * the default logo's initials come from) is made on demand and kept; the
 * look of the settings in force at start is made before the first page.
 */
export async function loadThemeAssets(cacheDir: string, settings: SiteSettingsReader): Promise<ThemeAssets> {
  const [css, fonts] = await Promise.all([readFile(new URL('./theme/site.css', import.meta.url), 'utf8'), loadFonts()]);
  const byPath = new Map<string, Asset>();
  const add = (asset: Asset) => {
    byPath.set(asset.path, asset);
    return asset;
  };
  for (const font of fonts.assets) add(font);
  // Font files are named by hash, so the stylesheet that points at them changes when they do.
  const baseCss = fonts.css + css;

  const stylesheets = new Map<string, Asset>();
  const stylesheetFor = (accent: string): Asset => {
    let sheet = stylesheets.get(accent);
    if (!sheet) {
      const body = Buffer.from(accent === DEFAULT_ACCENT ? baseCss : `${baseCss}\n/* The accent chosen in the newsroom's settings. */\n:root { --accent: ${accent}; }\n`);
      sheet = add({ path: hashed('site', 'css', body), body, contentType: 'text/css; charset=utf-8' });
      stylesheets.set(accent, sheet);
    }
    return sheet;
  };

  const drawn = new Map<string, Promise<{ large: Asset; small: Asset }>>();
  /** The drawn logo at 600 px (feeds, JSON-LD) and at 96 px (the masthead's 40 px at 2x, the favicon): a few KB, not 40. */
  const defaultLogo = (name: string): Promise<{ large: Asset; small: Asset }> => {
    const initials = initialsOf(name);
    let logo = drawn.get(initials);
    if (!logo) {
      logo = Promise.all([rasterise(logoSvg(initials), cacheDir), rasterise(logoSvg(initials), cacheDir, 96)]).then(([large, small]) => ({
        large: add({ path: hashed('logo', 'png', large), body: large, contentType: 'image/png' }),
        small: add({ path: hashed('logo-small', 'png', small), body: small, contentType: 'image/png' }),
      }));
      drawn.set(initials, logo);
      logo.catch(() => drawn.delete(initials));
    }
    return logo;
  };

  const uploaded = new Map<string, Omit<Look, 'stylesheet'>>();
  const uploadedLook = (logo: NonNullable<ResolvedSettings['logo']>): Omit<Look, 'stylesheet'> => {
    let look = uploaded.get(logo.hash);
    if (!look) {
      const svg = logo.type === 'image/svg+xml';
      const original = Buffer.from(logo.original, 'base64');
      const raster = Buffer.from(logo.png, 'base64');
      const icon = Buffer.from(logo.icon, 'base64');
      const paths = uploadedLogoPaths(logo);
      const mastheadAsset = add({ path: paths.masthead, body: original, contentType: logo.type, ...(svg && { headers: IMMUTABLE_SVG_HEADERS }) });
      const rasterAsset = add({ path: paths.raster, body: raster, contentType: 'image/png' });
      const iconAsset = add({ path: paths.icon, body: icon, contentType: 'image/png' });
      look = {
        // An SVG stays sharp at any size; a PNG is shown from its raster (at most 600 px), not the upload.
        masthead: svg ? { path: mastheadAsset.path, width: logo.width, height: logo.height } : { path: rasterAsset.path, width: logo.pngWidth, height: logo.pngHeight },
        raster: { path: rasterAsset.path, width: logo.pngWidth, height: logo.pngHeight },
        icon: iconAsset.path,
      };
      uploaded.set(logo.hash, look);
    }
    return look;
  };

  const stylesheet = stylesheetFor(DEFAULT_ACCENT);

  async function look(settings: ResolvedSettings): Promise<Look> {
    const sheet = stylesheetFor(settings.accentColor);
    if (settings.logo) return { stylesheet: sheet.path, ...uploadedLook(settings.logo) };
    const drawnLogo = await defaultLogo(settings.name);
    return {
      stylesheet: sheet.path,
      masthead: { path: drawnLogo.small.path, width: 96, height: 96 },
      raster: { path: drawnLogo.large.path, width: 600, height: 600 },
      icon: drawnLogo.small.path,
    };
  }

  // The name, logo and colour saved in the newsroom (or pinned by the environment), not the configuration's defaults.
  await look(await settings());

  return {
    stylesheet,
    preload: fonts.preload,
    byPath,
    look,
    async find(assetPath, settings) {
      const found = byPath.get(assetPath);
      if (found) return found;
      await look(await settings());
      return byPath.get(assetPath);
    },
  };
}
