import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Asset {
  path: string;
  body: Buffer;
  contentType: string;
}

export interface ThemeAssets {
  stylesheet: Asset;
  logo: Asset;
  byPath: Map<string, Asset>;
}

function hashed(name: string, ext: string, body: Buffer): string {
  return `/assets/${name}.${createHash('sha1').update(body).digest('hex').slice(0, 10)}.${ext}`;
}

/** The masthead mark: a compass rose over the coast, drawn as SVG and rasterised once at start. */
function logoSvg(initials: string): string {
  const text = initials.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" rx="120" fill="#0b3a53"/>
  <path d="M0 420 C120 380 200 460 300 420 S480 380 600 420 V600 H0Z" fill="#1d6f8c"/>
  <path d="M0 480 C140 450 220 520 320 480 S500 450 600 480 V600 H0Z" fill="#3fa7b8"/>
  <text x="300" y="330" font-family="DejaVu Serif, Georgia, serif" font-size="230" font-weight="700" fill="#f4efe6" text-anchor="middle">${text}</text>
</svg>`;
}

/**
 * Reads the theme's stylesheet and the logo; content-hashed paths let
 * browsers cache them for good. The logo is drawn with sharp once and kept in
 * `cacheDir`, so a running server need not load the image library at all.
 */
export async function loadThemeAssets(siteName: string, cacheDir: string): Promise<ThemeAssets> {
  const css = await readFile(new URL('./theme/site.css', import.meta.url));
  const initials = siteName
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !/^(the|of|and)$/i.test(w))
    .map((w) => w[0])
    .join('');
  const svg = logoSvg(initials || 'D');
  const cached = path.join(cacheDir, `logo-${createHash('sha1').update(svg).digest('hex').slice(0, 12)}.png`);
  let logo: Buffer;
  try {
    logo = await readFile(cached);
  } catch {
    const { default: sharp } = await import('sharp');
    logo = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
    await mkdir(cacheDir, { recursive: true });
    await writeFile(cached, logo);
  }
  const stylesheet = { path: hashed('site', 'css', css), body: css, contentType: 'text/css; charset=utf-8' };
  const logoAsset = { path: hashed('logo', 'png', logo), body: logo, contentType: 'image/png' };
  return {
    stylesheet,
    logo: logoAsset,
    byPath: new Map([
      [stylesheet.path, stylesheet],
      [logoAsset.path, logoAsset],
    ]),
  };
}
