import sharp from 'sharp';
import { escapeHtml } from '../domain/html-text.js';
import type { DemoPicture } from './demo-story.js';

/**
 * Draws the demo newsroom's pictures as flat illustrations: an SVG scene built
 * from the picture's palette, rendered to JPEG by sharp. `npm run demo:pictures`
 * renders each once into src/demo/content/pictures/, where they are committed;
 * seeding reads those files and never draws.
 *
 * Each picture is seeded from its key: the same key always draws the same
 * bytes (stable media for tests and caches), different keys differ.
 */

/** Size of portraits and logos when the caller passes no size. */
const SQUARE_SIDE = 600;
const FONT = 'DejaVu Sans, sans-serif';

/**
 * Draws `picture` as a JPEG. Scenes default to 1600x900; portraits and logos
 * default to 600x600. Explicit sizes are honoured for every kind (the drawing
 * is scaled to cover them and centred).
 */
export async function drawPicture(picture: DemoPicture, width?: number, height?: number): Promise<Buffer> {
  const square = picture.scene === 'portrait' || picture.scene === 'logo';
  const outW = Math.max(1, Math.round(width ?? (square ? SQUARE_SIDE : 1600)));
  const outH = Math.max(1, Math.round(height ?? (square ? SQUARE_SIDE : 900)));
  const svg = pictureSvg(picture, outW, outH);
  return sharp(Buffer.from(svg)).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}

/** The SVG drawn for `picture`; exported for debugging and tests. */
export function pictureSvg(picture: DemoPicture, width: number, height: number): string {
  const rng = new Rng(hashString(picture.key));
  const [sky, ground, accent] = picture.palette.map((c, i) => parseColor(c, FALLBACK[i] ?? '#888888')) as [
    Rgb,
    Rgb,
    Rgb,
  ];
  const square = picture.scene === 'portrait' || picture.scene === 'logo';
  const vw = square ? SQUARE_SIDE : 1600;
  const vh = square ? SQUARE_SIDE : 900;
  const s: Scene = { rng, sky, ground, accent, w: vw, h: vh, defs: [], ids: 0 };
  const body = DRAW[picture.scene](s, picture.initials ?? '', picture.sign ?? '');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${vw} ${vh}" preserveAspectRatio="xMidYMid slice">`,
    `<defs>${s.defs.join('')}</defs>`,
    `<rect x="-10" y="-10" width="${vw + 20}" height="${vh + 20}" fill="${hex(sky)}"/>`,
    body,
    vignette(s),
    '</svg>',
  ].join('');
}

// ---------------------------------------------------------------------------
// Randomness, colour and SVG helpers

/** FNV-1a: a stable 32-bit seed from the picture key. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for drawing. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed || 0x9e3779b9;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return Math.floor(this.range(min, max + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

type Rgb = [number, number, number];
const FALLBACK = ['#9cc7e4', '#3a4a57', '#f2c14e'];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Parses `#rgb`/`#rrggbb`; anything else becomes the fallback, so no palette text reaches the SVG. */
function parseColor(text: string, fallback: string): Rgb {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return parseColor(fallback, '#888888');
  let digits = m[1] as string;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const n = Number.parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(c: Rgb): string {
  return `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Positive amounts lighten towards white, negative darken towards black. */
function shade(c: Rgb, amount: number): Rgb {
  return amount >= 0 ? mix(c, WHITE, amount) : mix(c, BLACK, -amount);
}

function luminance(c: Rgb): number {
  return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
}

/** Rounds for compact SVG. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

interface Scene {
  rng: Rng;
  sky: Rgb;
  ground: Rgb;
  accent: Rgb;
  w: number;
  h: number;
  defs: string[];
  ids: number;
}

function id(s: Scene, prefix: string): string {
  s.ids += 1;
  return `${prefix}${s.ids}`;
}

/** A vertical linear gradient; returns its `url(#…)`. */
function vGradient(s: Scene, stops: Array<[number, Rgb, number?]>): string {
  const gid = id(s, 'g');
  const st = stops
    .map(([o, c, a]) => `<stop offset="${o}" stop-color="${hex(c)}"${a === undefined ? '' : ` stop-opacity="${a}"`}/>`)
    .join('');
  s.defs.push(`<linearGradient id="${gid}" x1="0" y1="0" x2="0" y2="1">${st}</linearGradient>`);
  return `url(#${gid})`;
}

function radial(s: Scene, stops: Array<[number, Rgb, number?]>): string {
  const gid = id(s, 'r');
  const st = stops
    .map(([o, c, a]) => `<stop offset="${o}" stop-color="${hex(c)}"${a === undefined ? '' : ` stop-opacity="${a}"`}/>`)
    .join('');
  s.defs.push(`<radialGradient id="${gid}">${st}</radialGradient>`);
  return `url(#${gid})`;
}

function blur(s: Scene, deviation: number): string {
  const fid = id(s, 'f');
  s.defs.push(
    `<filter id="${fid}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${deviation}"/></filter>`,
  );
  return `url(#${fid})`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${extra}/>`;
}

function circle(cx: number, cy: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}"${extra}/>`;
}

function poly(points: Array<[number, number]>, fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}"${extra}/>`;
}

function isNight(s: Scene): boolean {
  return luminance(s.sky) < 0.3;
}

/** Sky gradient from a deeper zenith to a horizon warmed by the accent. */
function skyBackdrop(s: Scene, horizon: number): string {
  const night = isNight(s);
  const top = night ? shade(s.sky, -0.35) : mix(shade(s.sky, -0.12), [70, 110, 170], 0.12);
  const bottom = night ? mix(s.sky, s.accent, 0.18) : mix(shade(s.sky, 0.35), s.accent, 0.18);
  const fill = vGradient(s, [
    [0, top],
    [0.7, s.sky],
    [1, bottom],
  ]);
  return rect(0, 0, s.w, horizon + 2, fill);
}

function stars(s: Scene, count: number, maxY: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const r = s.rng.range(0.8, 2.2);
    out += circle(s.rng.range(0, s.w), s.rng.range(0, maxY), r, '#ffffff', ` opacity="${n(s.rng.range(0.35, 0.95))}"`);
  }
  return out;
}

/** Sun by day, moon by night, with a soft glow. */
function sunOrMoon(s: Scene, cx: number, cy: number, r: number): string {
  const night = isNight(s);
  // By day a warm sun tinted by the accent; by night a pale moon.
  const body = night ? mix(WHITE, s.accent, 0.15) : mix(mix(s.accent, [255, 214, 120], 0.6), WHITE, 0.3);
  const glow = radial(s, [
    [0, body, 0.75],
    [0.35, body, 0.25],
    [1, body, 0],
  ]);
  let out = circle(cx, cy, r * 4, glow);
  out += circle(cx, cy, r, hex(body));
  if (night) {
    out += circle(cx - r * 0.3, cy - r * 0.2, r * 0.18, hex(shade(body, -0.08)));
    out += circle(cx + r * 0.35, cy + r * 0.3, r * 0.12, hex(shade(body, -0.08)));
  }
  return out;
}

function cloud(s: Scene, cx: number, cy: number, size: number, color: Rgb, opacity: number): string {
  const puffs = s.rng.int(3, 5);
  let out = `<g fill="${hex(color)}" opacity="${n(opacity)}">`;
  const width = size * (puffs + 1) * 0.55;
  for (let i = 0; i < puffs; i++) {
    const t = puffs === 1 ? 0.5 : i / (puffs - 1);
    const r = size * (0.45 + 0.45 * Math.sin(Math.PI * t)) * s.rng.range(0.8, 1.15);
    out += circle(cx - width / 2 + width * t, cy - r * 0.55, r, hex(color));
  }
  out += `<rect x="${n(cx - width / 2 - size * 0.3)}" y="${n(cy - size * 0.35)}" width="${n(width + size * 0.6)}" height="${n(size * 0.45)}" rx="${n(size * 0.22)}"/>`;
  return `${out}</g>`;
}

function clouds(s: Scene, count: number, minY: number, maxY: number, color: Rgb, opacity = 0.85): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    out += cloud(s, s.rng.range(0, s.w), s.rng.range(minY, maxY), s.rng.range(28, 60), color, opacity * s.rng.range(0.7, 1));
  }
  return out;
}

/** A ridge line as a closed polygon down to `bottom`. */
function ridge(s: Scene, base: number, amplitude: number, roughness: number, bottom: number, step = 20): Array<[number, number]> {
  const waves = Array.from({ length: 4 }, (_, i) => ({
    f: (i + 1) * s.rng.range(0.6, 1.4) * (Math.PI * 2) / s.w,
    p: s.rng.range(0, Math.PI * 2),
    a: amplitude / (i + 1.2),
  }));
  const pts: Array<[number, number]> = [[-10, bottom]];
  for (let x = -10; x <= s.w + 10; x += step) {
    let y = base;
    for (const wv of waves) y -= wv.a * Math.sin(x * wv.f + wv.p);
    y += s.rng.range(-roughness, roughness);
    pts.push([x, y]);
  }
  pts.push([s.w + 10, bottom]);
  return pts;
}

function ridgeY(pts: Array<[number, number]>, x: number): number {
  for (let i = 1; i < pts.length - 1; i++) {
    const a = pts[i] as [number, number];
    const b = pts[i + 1] as [number, number];
    if (x >= a[0] && x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0] || 1);
  }
  return (pts[1] as [number, number])[1];
}

function pine(x: number, baseY: number, h: number, color: string): string {
  const w = h * 0.42;
  const tiers = 4;
  const pts: Array<[number, number]> = [[x, baseY - h]];
  for (let i = 1; i <= tiers; i++) {
    const y = baseY - h + (h * 0.92 * i) / tiers;
    const half = (w / 2) * (0.45 + (0.55 * i) / tiers);
    pts.push([x + half, y]);
    if (i < tiers) pts.push([x + half * 0.45, y - h * 0.02]);
  }
  const right = pts.slice(1);
  const left = right.map(([px, py]) => [2 * x - px, py] as [number, number]).reverse();
  const trunk = rect(x - h * 0.03, baseY - h * 0.1, h * 0.06, h * 0.1, color);
  return poly([pts[0] as [number, number], ...right, ...left], color) + trunk;
}

function roundTree(x: number, baseY: number, h: number, leaf: Rgb, trunk: Rgb): string {
  const r = h * 0.34;
  return (
    rect(x - h * 0.04, baseY - h * 0.45, h * 0.08, h * 0.45, hex(trunk)) +
    circle(x, baseY - h + r, r, hex(leaf)) +
    circle(x - r * 0.55, baseY - h + r * 1.5, r * 0.75, hex(shade(leaf, -0.1))) +
    circle(x + r * 0.6, baseY - h + r * 1.45, r * 0.8, hex(shade(leaf, 0.08)))
  );
}

function vignette(s: Scene): string {
  const gid = id(s, 'v');
  s.defs.push(
    `<radialGradient id="${gid}" cx="50%" cy="50%" r="75%"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.28"/></radialGradient>`,
  );
  return `<rect x="-10" y="-10" width="${s.w + 20}" height="${s.h + 20}" fill="url(#${gid})"/>`;
}

/** Buildings with windows along a baseline. */
function buildings(
  s: Scene,
  opts: { baseY: number; minH: number; maxH: number; color: Rgb; windows?: { lit: Rgb; dark: Rgb; litChance: number } },
): string {
  let out = '';
  let x = -s.rng.range(0, 60);
  while (x < s.w + 20) {
    const bw = s.rng.range(70, 170);
    const bh = s.rng.range(opts.minH, opts.maxH);
    const top = opts.baseY - bh;
    const c = hex(shade(opts.color, s.rng.range(-0.06, 0.06)));
    out += rect(x, top, bw, bh + 4, c);
    const roof = s.rng.next();
    if (roof < 0.25) out += rect(x + bw * 0.2, top - bh * 0.08, bw * 0.6, bh * 0.08 + 1, c);
    else if (roof < 0.4) out += `<line x1="${n(x + bw / 2)}" y1="${n(top)}" x2="${n(x + bw / 2)}" y2="${n(top - 50)}" stroke="${c}" stroke-width="4"/>`;
    else if (roof < 0.5) out += poly([[x, top + 1], [x + bw / 2, top - bw * 0.35], [x + bw, top + 1]], c);
    if (opts.windows) {
      const ww = s.rng.pick([10, 12, 14]);
      const wh = s.rng.pick([14, 18, 22]);
      const gx = s.rng.pick([8, 10, 12]);
      const gy = s.rng.pick([12, 14, 16]);
      const cols = Math.max(1, Math.floor((bw - 16) / (ww + gx)));
      const rows = Math.floor((bh - 30) / (wh + gy));
      const offset = (bw - (cols * ww + (cols - 1) * gx)) / 2;
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < cols; k++) {
          const lit = s.rng.chance(opts.windows.litChance);
          out += rect(x + offset + k * (ww + gx), top + 20 + r * (wh + gy), ww, wh, hex(lit ? opts.windows.lit : opts.windows.dark));
        }
      }
    }
    x += bw + s.rng.range(-10, 14);
  }
  return out;
}

function birds(s: Scene, count: number, x0: number, y0: number, color: string): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const x = x0 + s.rng.range(-140, 140);
    const y = y0 + s.rng.range(-60, 60);
    const k = s.rng.range(7, 13);
    out += `<path d="M${n(x - k)} ${n(y - k * 0.4)} Q${n(x - k / 2)} ${n(y - k * 0.7)} ${n(x)} ${n(y)} Q${n(x + k / 2)} ${n(y - k * 0.7)} ${n(x + k)} ${n(y - k * 0.4)}" fill="none" stroke="${color}" stroke-width="2.4" stroke-linecap="round"/>`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Scenes

type Draw = (s: Scene, initials: string, sign?: string) => string;

const skyline: Draw = (s) => {
  const horizon = 760;
  const night = isNight(s);
  let out = skyBackdrop(s, horizon);
  if (night) out += stars(s, 120, 450);
  out += sunOrMoon(s, s.rng.range(250, 1350), s.rng.range(170, 300), s.rng.range(55, 80));
  out += clouds(s, 4, 90, 330, shade(s.sky, 0.6), 0.7);
  const haze = mix(s.sky, WHITE, 0.2);
  out += buildings(s, { baseY: horizon, minH: 260, maxH: 520, color: mix(s.ground, haze, 0.62) });
  out += buildings(s, {
    baseY: horizon,
    minH: 170,
    maxH: 400,
    color: mix(s.ground, haze, 0.32),
    windows: { lit: mix(s.accent, haze, 0.4), dark: mix(s.ground, haze, 0.42), litChance: night ? 0.4 : 0.12 },
  });
  out += buildings(s, {
    baseY: horizon,
    minH: 90,
    maxH: 300,
    color: s.ground,
    windows: { lit: s.accent, dark: shade(s.ground, 0.12), litChance: night ? 0.55 : 0.25 },
  });
  // Waterfront with reflections.
  const water = shade(s.ground, -0.25);
  out += rect(0, horizon, s.w, s.h - horizon, vGradient(s, [[0, mix(water, s.sky, 0.35)], [1, water]]));
  for (let i = 0; i < 70; i++) {
    const y = s.rng.range(horizon + 8, s.h);
    const len = s.rng.range(20, 90);
    out += rect(s.rng.range(0, s.w), y, len, 2.5, hex(s.rng.chance(0.4) ? s.accent : shade(s.sky, 0.3)), ` opacity="${n(s.rng.range(0.25, 0.6))}"`);
  }
  out += rect(0, horizon - 6, s.w, 10, hex(shade(s.ground, -0.35)));
  out += birds(s, 5, s.rng.range(300, 1300), 200, hex(shade(s.ground, -0.3)));
  return out;
};

function sailboat(x: number, waterY: number, size: number, hull: Rgb, sail: Rgb): string {
  const hw = size;
  const hh = size * 0.22;
  let out = `<path d="M${n(x - hw / 2)} ${n(waterY - hh)} L${n(x + hw / 2)} ${n(waterY - hh)} L${n(x + hw * 0.36)} ${n(waterY)} L${n(x - hw * 0.4)} ${n(waterY)} Z" fill="${hex(hull)}"/>`;
  const mastH = size * 1.25;
  out += `<line x1="${n(x)}" y1="${n(waterY - hh)}" x2="${n(x)}" y2="${n(waterY - hh - mastH)}" stroke="${hex(shade(hull, -0.2))}" stroke-width="${n(size * 0.03)}"/>`;
  out += poly([[x + 3, waterY - hh - mastH], [x + 3, waterY - hh - 6], [x + hw * 0.48, waterY - hh - 6]], hex(sail));
  out += poly([[x - 3, waterY - hh - mastH * 0.85], [x - 3, waterY - hh - 8], [x - hw * 0.38, waterY - hh - 8]], hex(shade(sail, -0.1)));
  // Reflection.
  out += `<path d="M${n(x - hw * 0.4)} ${n(waterY + 2)} L${n(x + hw * 0.36)} ${n(waterY + 2)} L${n(x + hw * 0.3)} ${n(waterY + hh * 1.4)} L${n(x - hw * 0.34)} ${n(waterY + hh * 1.4)} Z" fill="${hex(hull)}" opacity="0.25"/>`;
  return out;
}

function fishingBoat(x: number, waterY: number, size: number, hull: Rgb, cabin: Rgb): string {
  const hw = size;
  const hh = size * 0.2;
  let out = `<path d="M${n(x - hw / 2)} ${n(waterY - hh)} L${n(x + hw / 2 + size * 0.08)} ${n(waterY - hh * 1.3)} L${n(x + hw * 0.38)} ${n(waterY)} L${n(x - hw * 0.44)} ${n(waterY)} Z" fill="${hex(hull)}"/>`;
  out += rect(x - hw * 0.3, waterY - hh - size * 0.28, hw * 0.34, size * 0.28, hex(cabin));
  out += rect(x - hw * 0.26, waterY - hh - size * 0.22, hw * 0.09, size * 0.09, hex(shade(hull, -0.3)));
  out += rect(x - hw * 0.13, waterY - hh - size * 0.22, hw * 0.09, size * 0.09, hex(shade(hull, -0.3)));
  out += `<line x1="${n(x + hw * 0.15)}" y1="${n(waterY - hh)}" x2="${n(x + hw * 0.15)}" y2="${n(waterY - hh - size * 0.75)}" stroke="${hex(shade(hull, -0.3))}" stroke-width="3"/>`;
  out += `<line x1="${n(x + hw * 0.15)}" y1="${n(waterY - hh - size * 0.75)}" x2="${n(x + hw * 0.55)}" y2="${n(waterY - hh)}" stroke="${hex(shade(hull, -0.3))}" stroke-width="1.5"/>`;
  out += rect(x - hw * 0.44, waterY + 2, hw * 0.82, hh * 1.2, hex(hull), ' opacity="0.22"');
  return out;
}

const harbor: Draw = (s) => {
  const horizon = 540;
  let out = skyBackdrop(s, horizon);
  if (isNight(s)) out += stars(s, 90, 380);
  const sunX = s.rng.range(450, 1150);
  const sunR = s.rng.range(60, 85);
  out += sunOrMoon(s, sunX, horizon - sunR * 0.35, sunR);
  out += clouds(s, 4, 80, 300, shade(s.sky, 0.5), 0.6);
  out += birds(s, 6, s.rng.range(300, 1300), 230, hex(shade(s.ground, -0.2)));
  // Distant headlands and a small town.
  const far = mix(s.ground, s.sky, 0.55);
  out += poly(ridge(s, horizon - 40, 45, 3, horizon + 2, 30), hex(far));
  const near = mix(s.ground, s.sky, 0.3);
  const leftHill: Array<[number, number]> = [[-10, horizon + 2], [-10, horizon - 150], [200, horizon - 120], [420, horizon - 40], [520, horizon + 2]];
  out += poly(leftHill, hex(near));
  for (let i = 0; i < 9; i++) {
    const hx = s.rng.range(20, 380);
    const hy = horizon - 150 + ((hx + 10) / 430) * 110 + s.rng.range(5, 30);
    out += rect(hx, hy, 18, 14, hex(shade(near, s.rng.chance(0.5) ? 0.15 : -0.1)));
    out += rect(hx + 5, hy + 4, 4, 5, hex(s.accent), ' opacity="0.8"');
  }
  // Lighthouse on the headland.
  out += poly([[115, horizon - 135], [135, horizon - 135], [140, horizon - 60], [110, horizon - 60]], hex(mix(WHITE, s.sky, 0.15)));
  out += rect(112, horizon - 110, 26, 12, hex(shade(s.accent, -0.2)));
  out += rect(117, horizon - 152, 16, 18, hex(s.accent));
  out += poly([[112, horizon - 152], [138, horizon - 152], [125, horizon - 166]], hex(shade(s.ground, -0.2)));
  // Water.
  out += rect(0, horizon, s.w, s.h - horizon, vGradient(s, [[0, mix(s.ground, s.sky, 0.45)], [0.35, s.ground], [1, shade(s.ground, -0.35)]]));
  // Sun glitter.
  for (let i = 0; i < 26; i++) {
    const y = horizon + 6 + i * i * 0.55 + s.rng.range(0, 5);
    if (y > s.h) break;
    const w = s.rng.range(30, 140) * (1 + i * 0.04);
    out += rect(sunX - w / 2 + s.rng.range(-30, 30), y, w, 3 + i * 0.12, hex(mix(s.accent, WHITE, 0.4)), ` opacity="${n(Math.max(0.12, 0.75 - i * 0.025))}"`);
  }
  for (let i = 0; i < 90; i++) {
    const y = s.rng.range(horizon + 10, s.h);
    const t = (y - horizon) / (s.h - horizon);
    out += rect(s.rng.range(0, s.w), y, s.rng.range(20, 60) * (0.5 + t), 2 + t * 2, hex(shade(s.ground, 0.25)), ` opacity="${n(0.25 + t * 0.3)}"`);
  }
  // Boats.
  const boatCount = s.rng.int(3, 5);
  for (let i = 0; i < boatCount; i++) {
    const y = s.rng.range(horizon + 40, horizon + 230);
    const t = (y - horizon) / 300;
    const x = s.rng.range(80, 1050);
    const size = 60 + t * 130;
    const hull = s.rng.pick([shade(s.ground, -0.45), mix(WHITE, s.sky, 0.1), shade(s.accent, -0.35)]);
    out += s.rng.chance(0.6) ? sailboat(x, y, size, hull, mix(WHITE, s.sky, 0.12)) : fishingBoat(x, y, size, hull, mix(WHITE, s.sky, 0.2));
  }
  // Pier with posts, lamps and bollards.
  const deckY = 690;
  const pierColor = shade(s.ground, -0.55);
  out += poly([[1080, deckY], [s.w + 10, deckY - 40], [s.w + 10, deckY - 18], [1080, deckY + 14]], hex(shade(pierColor, 0.15)));
  for (let x = 1090; x < s.w; x += 58) {
    const top = deckY + 14 - ((x - 1080) / (s.w - 1080)) * 26;
    out += rect(x, top - 2, 12, s.h - top + 10, hex(pierColor));
  }
  for (let x = 1160; x < s.w; x += 170) {
    const top = deckY - ((x - 1080) / (s.w - 1080)) * 40;
    out += rect(x, top - 110, 5, 110, hex(pierColor));
    out += circle(x + 2.5, top - 114, 9, hex(mix(s.accent, WHITE, 0.3)));
    out += circle(x + 2.5, top - 114, 26, radial(s, [[0, s.accent, 0.5], [1, s.accent, 0]]));
  }
  return out;
};

const mountains: Draw = (s) => {
  const horizon = 640;
  let out = skyBackdrop(s, horizon);
  if (isNight(s)) out += stars(s, 140, 400);
  out += sunOrMoon(s, s.rng.range(200, 1400), s.rng.range(130, 240), s.rng.range(50, 70));
  out += clouds(s, 5, 80, 300, WHITE, 0.65);
  const haze = mix(s.sky, WHITE, 0.25);
  const ranges = [
    { base: 430, amp: 170, rough: 14, fog: 0.62 },
    { base: 500, amp: 130, rough: 10, fog: 0.45 },
    { base: 570, amp: 90, rough: 8, fog: 0.25 },
  ];
  const snow = mix(s.accent, WHITE, 0.3);
  ranges.forEach((r, i) => {
    const pts = ridge(s, r.base, r.amp, r.rough, s.h, 26 - i * 4);
    const color = mix(mix(s.ground, [90, 100, 120], 0.35 - i * 0.1), haze, r.fog);
    out += poly(pts, hex(color));
    // Light side: a lighter slice shifted left gives a sunlit face.
    if (i < 2) {
      const cid = id(s, 'c');
      s.defs.push(`<clipPath id="${cid}">${poly(pts, '#fff')}</clipPath>`);
      const snowLine = Math.min(...pts.slice(1, -1).map((p) => p[1])) + r.amp * 0.55;
      out += `<g clip-path="url(#${cid})">`;
      out += poly(pts.map(([x, y]) => [x + 30, y + 6] as [number, number]), hex(shade(color, -0.08)));
      out += rect(0, 0, s.w, snowLine, hex(mix(snow, color, i * 0.25)));
      out += `</g>`;
    }
  });
  // Forested foothills and a meadow.
  const hills = ridge(s, 660, 40, 4, s.h, 30);
  out += poly(hills, hex(mix(s.ground, haze, 0.1)));
  for (let i = 0; i < 90; i++) {
    const x = s.rng.range(-20, s.w + 20);
    const y = ridgeY(hills, x) + s.rng.range(0, 40);
    out += pine(x, y, s.rng.range(50, 95), hex(shade(s.ground, -0.3 - s.rng.range(0, 0.15))));
  }
  out += rect(0, 760, s.w, s.h - 760, vGradient(s, [[0, shade(s.ground, 0.1)], [1, shade(s.ground, -0.2)]]));
  // A lake reflecting the sky.
  out += `<ellipse cx="${n(s.rng.range(500, 1100))}" cy="835" rx="460" ry="42" fill="${hex(mix(s.sky, WHITE, 0.15))}" opacity="0.85"/>`;
  for (let i = 0; i < 8; i++) {
    const x = s.rng.range(-20, s.w + 20);
    out += pine(x, s.h + 10, s.rng.range(170, 260), hex(shade(s.ground, -0.55)));
  }
  out += birds(s, 4, s.rng.range(400, 1200), 260, hex(shade(s.ground, -0.4)));
  return out;
};

function crowd(s: Scene, x0: number, x1: number, y0: number, y1: number, dot: number, base: Rgb): string {
  const colors = [s.accent, shade(s.accent, -0.2), mix(base, WHITE, 0.5), [200, 60, 50] as Rgb, [40, 70, 140] as Rgb, [230, 200, 60] as Rgb, shade(base, -0.3)];
  let out = '';
  const step = dot * 2.1;
  for (let y = y0 + dot; y < y1 - dot / 2; y += step) {
    for (let x = x0 + s.rng.range(0, step); x < x1; x += step * s.rng.range(0.85, 1.15)) {
      if (s.rng.chance(0.12)) continue;
      out += circle(x, y + s.rng.range(-1, 1), dot * s.rng.range(0.7, 1), hex(s.rng.pick(colors)));
    }
  }
  return out;
}

function lightTower(s: Scene, x: number, baseY: number, topY: number, pole: Rgb, lamp: Rgb, glow: boolean): string {
  let out = rect(x - 5, topY, 10, baseY - topY, hex(pole));
  out += rect(x - 50, topY - 55, 100, 58, hex(shade(pole, -0.2)));
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 5; c++) out += rect(x - 45 + c * 19, topY - 50 + r * 18, 14, 12, hex(lamp));
  }
  if (glow) out += circle(x, topY - 26, 170, radial(s, [[0, lamp, 0.55], [0.4, lamp, 0.18], [1, lamp, 0]]));
  return out;
}

const stadium: Draw = (s) => {
  const night = isNight(s);
  let out = skyBackdrop(s, 360);
  if (night) out += stars(s, 80, 250);
  out += clouds(s, 4, 60, 200, WHITE, 0.75);
  const stand = mix(s.ground, [110, 110, 120], 0.7);
  const roof = mix(s.accent, WHITE, 0.2);
  // Stands in three tiers, then the roof canopy on trusses.
  out += rect(0, 250, s.w, 250, hex(shade(stand, -0.35)));
  const tiers: Array<[number, number]> = [[270, 340], [350, 420], [430, 500]];
  for (const [a, b] of tiers) {
    out += rect(0, a, s.w, b - a, hex(shade(stand, -0.1)));
    out += crowd(s, 0, s.w, a, b, 5.5 + (a - 270) / 60, stand);
    out += rect(0, b, s.w, 8, hex(shade(stand, 0.25)));
  }
  out += poly([[-10, 265], [s.w + 10, 265], [s.w + 10, 215], [-10, 200]], hex(roof));
  out += rect(-10, 255, s.w + 20, 12, hex(shade(roof, -0.25)));
  for (let x = 40; x < s.w; x += 160) out += rect(x, 265, 6, 10, hex(shade(roof, -0.4)));
  // Scoreboard.
  const sbx = s.rng.range(300, 1100);
  out += rect(sbx, 110, 240, 90, hex(shade(s.ground, -0.7)));
  out += rect(sbx + 10, 120, 220, 70, hex([20, 24, 30]));
  for (let i = 0; i < 12; i++) out += rect(sbx + 20 + i * 17, 140, 11, 30, hex(s.rng.chance(0.6) ? s.accent : [60, 60, 60]));
  out += rect(sbx + 110, 200, 20, 10, hex(shade(s.ground, -0.7)));
  out += lightTower(s, 130, 205, 60, shade(stand, -0.5), mix(s.accent, WHITE, 0.6), night);
  out += lightTower(s, s.w - 130, 205, 60, shade(stand, -0.5), mix(s.accent, WHITE, 0.6), night);
  // Advertising boards.
  out += rect(0, 500, s.w, 26, hex(shade(s.accent, -0.1)));
  for (let x = 0; x < s.w; x += 200) out += rect(x + 14, 506, 170, 14, hex(s.rng.pick([shade(s.ground, -0.3), [200, 60, 50], [40, 70, 140]])));
  // Pitch in perspective with mowing stripes.
  const top = 526;
  const bands = 9;
  let y = top;
  for (let i = 0; i < bands; i++) {
    const hgt = 14 + i * 9;
    out += rect(0, y, s.w, hgt + 1, hex(i % 2 ? shade(s.ground, 0.08) : shade(s.ground, -0.04)));
    y += hgt;
  }
  out += rect(0, y, s.w, s.h - y + 5, hex(s.ground));
  const line = hex(mix(WHITE, s.accent, 0.1));
  out += `<g fill="none" stroke="${line}" stroke-width="5" opacity="0.9">`;
  out += `<line x1="-10" y1="${top + 18}" x2="${s.w + 10}" y2="${top + 18}"/>`;
  out += `<line x1="800" y1="${top + 18}" x2="800" y2="${s.h + 10}"/>`;
  out += `<ellipse cx="800" cy="700" rx="320" ry="95"/>`;
  out += `<polyline points="-10,610 260,610 160,900"/><polyline points="1610,610 1340,610 1440,900"/>`;
  out += `</g>`;
  out += circle(800, 700, 8, line);
  // A ball and a couple of players.
  const px = s.rng.range(500, 1100);
  for (let i = 0; i < 4; i++) {
    const x = px + s.rng.range(-260, 260);
    const yy = s.rng.range(600, 780);
    const k = 0.5 + (yy - 560) / 300;
    const kit = i % 2 ? s.accent : [200, 60, 50];
    out += `<ellipse cx="${n(x)}" cy="${n(yy + 2)}" rx="${n(22 * k)}" ry="${n(6 * k)}" fill="#000" opacity="0.2"/>`;
    out += rect(x - 9 * k, yy - 48 * k, 7 * k, 48 * k, hex([40, 40, 50]));
    out += rect(x + 2 * k, yy - 48 * k, 7 * k, 48 * k, hex([40, 40, 50]));
    out += `<rect x="${n(x - 14 * k)}" y="${n(yy - 95 * k)}" width="${n(28 * k)}" height="${n(50 * k)}" rx="${n(8 * k)}" fill="${hex(kit as Rgb)}"/>`;
    out += circle(x, yy - 108 * k, 11 * k, hex([160, 110, 80]));
  }
  out += circle(px + 40, 760, 10, '#ffffff');
  return out;
};

const forest: Draw = (s) => {
  const horizon = 620;
  let out = skyBackdrop(s, horizon);
  const smokeColor = mix(s.sky, [120, 110, 110], 0.45);
  const smoke = blur(s, 38);
  // Sun through smoke: a flat disc, no glare.
  const sunX = s.rng.range(300, 1300);
  out += circle(sunX, s.rng.range(170, 260), 62, hex(mix(s.accent, [255, 120, 60], 0.3)), ' opacity="0.9"');
  out += `<g filter="${smoke}">`;
  for (let i = 0; i < 12; i++) {
    out += `<ellipse cx="${n(s.rng.range(0, s.w))}" cy="${n(s.rng.range(120, 520))}" rx="${n(s.rng.range(160, 360))}" ry="${n(s.rng.range(50, 110))}" fill="${hex(shade(smokeColor, s.rng.range(-0.1, 0.2)))}" opacity="${n(s.rng.range(0.35, 0.7))}"/>`;
  }
  out += `</g>`;
  const haze = mix(s.sky, smokeColor, 0.4);
  const layers = 4;
  for (let i = 0; i < layers; i++) {
    const t = i / (layers - 1);
    const base = 470 + i * 95;
    const hill = ridge(s, base, 50 - i * 8, 3, s.h, 40);
    const color = mix(shade(s.ground, -0.1 * i), haze, 0.7 * (1 - t));
    out += poly(hill, hex(color));
    const count = 26 + i * 6;
    for (let k = 0; k < count; k++) {
      const x = s.rng.range(-30, s.w + 30);
      const hgt = (70 + i * 55) * s.rng.range(0.75, 1.25);
      out += pine(x, ridgeY(hill, x) + 10 + i * 6, hgt, hex(shade(color, s.rng.range(-0.08, 0.04))));
    }
    if (i === 1) {
      // A glow of fire behind a ridge, and a plume rising from it.
      const fx = s.rng.range(300, 1300);
      const fy = ridgeY(hill, fx);
      out += `<ellipse cx="${n(fx)}" cy="${n(fy + 10)}" rx="260" ry="70" fill="${hex(s.accent)}" opacity="0.55" filter="${smoke}"/>`;
      out += `<path d="M${n(fx - 60)} ${n(fy)} C${n(fx - 80)} ${n(fy - 160)} ${n(fx + 40)} ${n(fy - 240)} ${n(fx + 200)} ${n(fy - 420)} L${n(fx + 340)} ${n(fy - 380)} C${n(fx + 160)} ${n(fy - 220)} ${n(fx + 60)} ${n(fy - 120)} ${n(fx + 80)} ${n(fy)} Z" fill="${hex(shade(smokeColor, -0.15))}" opacity="0.6" filter="${smoke}"/>`;
    }
  }
  out += rect(0, 860, s.w, 60, hex(shade(s.ground, -0.5)));
  return out;
};

const chamber: Draw = (s) => {
  const horizon = 770;
  let out = skyBackdrop(s, horizon);
  out += sunOrMoon(s, s.rng.chance(0.5) ? s.rng.range(150, 400) : s.rng.range(1200, 1450), s.rng.range(120, 200), 52);
  out += clouds(s, 5, 80, 330, WHITE, 0.8);
  const stone = mix(mix(s.sky, WHITE, 0.55), s.ground, 0.06);
  const stoneShadow = mix(stone, s.ground, 0.22);
  const trim = shade(s.ground, -0.1);
  const dome = s.accent;
  const cx = 800;
  // Dome on a drum with columns, topped by a lantern and a flag.
  out += rect(cx - 18, 95, 36, 60, hex(stone));
  out += poly([[cx - 24, 98], [cx + 24, 98], [cx, 72]], hex(dome));
  out += `<line x1="${cx}" y1="72" x2="${cx}" y2="20" stroke="${hex(trim)}" stroke-width="3"/>`;
  out += `<path d="M${cx} 22 Q${cx + 30} 14 ${cx + 55} 24 L${cx + 55} 52 Q${cx + 30} 42 ${cx} 50 Z" fill="${hex(s.accent)}"/>`;
  out += `<path d="M${cx - 150} 300 C${cx - 150} 200 ${cx - 80} 150 ${cx} 150 C${cx + 80} 150 ${cx + 150} 200 ${cx + 150} 300 Z" fill="${vGradient(s, [[0, shade(dome, 0.2)], [1, shade(dome, -0.2)]])}"/>`;
  for (let i = -3; i <= 3; i++) {
    out += `<path d="M${cx + i * 22} 152 Q${cx + i * 40} 200 ${cx + i * 46} 300" fill="none" stroke="${hex(shade(dome, -0.3))}" stroke-width="2.5" opacity="0.6"/>`;
  }
  out += rect(cx - 175, 296, 350, 14, hex(stoneShadow));
  out += rect(cx - 165, 310, 330, 90, hex(stone));
  for (let i = 0; i < 12; i++) {
    const x = cx - 155 + i * 28;
    out += rect(x, 316, 12, 78, hex(stoneShadow));
  }
  out += rect(cx - 180, 396, 360, 14, hex(stoneShadow));
  // Main block with wings.
  out += rect(260, 430, 1080, 300, hex(stone));
  out += rect(250, 418, 1100, 16, hex(stoneShadow));
  out += rect(250, 720, 1100, 14, hex(stoneShadow));
  const win = shade(s.ground, -0.2);
  for (const side of [-1, 1]) {
    for (let k = 0; k < 6; k++) {
      const x = side < 0 ? 290 + k * 52 : 1330 - 40 - k * 52;
      for (const y of [470, 590]) {
        out += `<path d="M${x} ${y + 80} L${x} ${y + 14} Q${x + 17} ${y - 6} ${x + 34} ${y + 14} L${x + 34} ${y + 80} Z" fill="${hex(win)}"/>`;
        out += rect(x - 4, y + 80, 42, 7, hex(stoneShadow));
      }
    }
    // Pilasters.
    for (let k = 0; k < 7; k++) {
      const x = side < 0 ? 278 + k * 52 : 1322 - k * 52;
      out += rect(x, 440, 8, 280, hex(mix(stone, WHITE, 0.3)));
    }
  }
  // Portico: pediment and columns.
  out += poly([[cx - 250, 470], [cx + 250, 470], [cx, 400]], hex(stone));
  out += poly([[cx - 215, 462], [cx + 215, 462], [cx, 414]], hex(stoneShadow));
  out += rect(cx - 262, 462, 524, 22, hex(stone));
  out += rect(cx - 262, 484, 524, 8, hex(stoneShadow));
  out += rect(cx - 240, 492, 480, 228, hex(shade(stoneShadow, -0.12)));
  const doorW = 60;
  out += `<path d="M${cx - doorW / 2} 720 L${cx - doorW / 2} 610 Q${cx} 570 ${cx + doorW / 2} 610 L${cx + doorW / 2} 720 Z" fill="${hex(shade(s.ground, -0.35))}"/>`;
  for (let i = 0; i < 8; i++) {
    const x = cx - 230 + i * 62.5;
    out += rect(x - 4, 492, 30, 12, hex(mix(stone, WHITE, 0.2)));
    out += rect(x, 504, 22, 206, hex(mix(stone, WHITE, 0.35)));
    out += rect(x + 14, 504, 8, 206, hex(stone));
    out += rect(x - 4, 706, 30, 14, hex(mix(stone, WHITE, 0.2)));
  }
  // Steps and plaza.
  for (let i = 0; i < 6; i++) {
    out += rect(cx - 270 - i * 18, 734 + i * 8, 540 + i * 36, 8, hex(i % 2 ? stone : stoneShadow));
  }
  out += rect(0, horizon + 12, s.w, s.h - horizon, hex(mix(s.ground, stone, 0.55)));
  out += rect(0, horizon + 12, s.w, 6, hex(mix(s.ground, stone, 0.35)));
  // Flagpoles and trees.
  for (const fx of [420, 1180]) {
    out += `<line x1="${fx}" y1="${horizon + 14}" x2="${fx}" y2="330" stroke="${hex(shade(s.ground, -0.3))}" stroke-width="5"/>`;
    out += `<path d="M${fx} 334 Q${fx + 40} 322 ${fx + 80} 336 L${fx + 80} 384 Q${fx + 40} 370 ${fx} 382 Z" fill="${hex(s.accent)}"/>`;
  }
  const leaf = mix([70, 120, 70], s.ground, 0.25);
  for (const tx of [60, 190, 1410, 1540]) out += roundTree(tx + s.rng.range(-20, 20), horizon + 30, s.rng.range(240, 320), leaf, shade(s.ground, -0.3));
  // People on the plaza.
  for (let i = 0; i < 7; i++) {
    const x = s.rng.range(120, 1480);
    const y = s.rng.range(805, 880);
    const k = 0.8 + (y - 800) / 200;
    out += `<rect x="${n(x - 9 * k)}" y="${n(y - 48 * k)}" width="${n(18 * k)}" height="${n(48 * k)}" rx="${n(7 * k)}" fill="${hex(s.rng.pick([shade(s.ground, -0.4), s.accent, [60, 70, 90] as Rgb]))}"/>`;
    out += circle(x, y - 56 * k, 8 * k, hex(shade(s.ground, -0.5)));
  }
  return out;
};

const portrait: Draw = (s, initials) => {
  const { w, h } = s;
  let out = rect(0, 0, w, h, radial(s, [[0, shade(s.sky, 0.25)], [1, shade(s.sky, -0.08)]]));
  // Decorative shapes behind the sitter.
  const ang = s.rng.range(0, 360);
  out += `<g transform="rotate(${n(ang)} ${w / 2} ${h / 2})" opacity="0.16" fill="${hex(s.accent)}">`;
  for (let i = -3; i <= 3; i++) out += rect(-200, h / 2 + i * 90, w + 400, 38, hex(s.accent));
  out += `</g>`;
  out += circle(w / 2, h * 0.44, 205, hex(s.accent), ' opacity="0.35"');
  const skin = mix(s.ground, WHITE, 0.08);
  const hair = shade(s.ground, -0.45);
  const cloth = shade(s.accent, -0.25);
  // Shoulders and collar.
  out += `<path d="M70 ${h + 10} C80 470 170 430 240 418 L360 418 C430 430 520 470 530 ${h + 10} Z" fill="${hex(cloth)}"/>`;
  out += `<path d="M255 418 L300 500 L345 418 Z" fill="${hex(skin)}"/>`;
  out += `<path d="M240 418 L300 505 L268 530 L226 430 Z M360 418 L300 505 L332 530 L374 430 Z" fill="${hex(shade(cloth, 0.25))}"/>`;
  // Neck, ears, head.
  out += rect(262, 340, 76, 90, hex(shade(skin, -0.12)));
  out += `<ellipse cx="212" cy="262" rx="16" ry="28" fill="${hex(skin)}"/><ellipse cx="388" cy="262" rx="16" ry="28" fill="${hex(skin)}"/>`;
  out += `<ellipse cx="300" cy="255" rx="92" ry="118" fill="${hex(skin)}"/>`;
  const style = s.rng.int(0, 3);
  if (style === 0) {
    out += `<path d="M206 250 C198 150 250 118 300 118 C360 118 408 150 394 250 C380 200 350 180 300 178 C250 180 220 200 206 250 Z" fill="${hex(hair)}"/>`;
  } else if (style === 1) {
    out += `<path d="M204 300 C180 160 240 110 305 112 C380 114 420 170 396 300 C392 330 410 380 420 400 C380 380 390 300 384 230 C360 190 320 176 280 200 C240 220 220 200 214 230 C208 300 220 380 180 400 C190 370 208 330 204 300 Z" fill="${hex(hair)}"/>`;
  } else if (style === 2) {
    out += `<path d="M210 230 C206 160 250 128 300 128 C350 128 394 160 390 230 C370 186 340 170 300 170 C260 170 230 186 210 230 Z" fill="${hex(hair)}"/>`;
    out += `<path d="M236 330 C250 380 350 380 364 330 C350 350 250 350 236 330 Z" fill="${hex(hair)}" opacity="0.8"/>`;
  } else {
    out += circle(300, 118, 46, hex(hair));
    out += `<path d="M208 246 C202 170 250 140 300 140 C350 140 398 170 392 246 C370 196 330 186 300 186 C270 186 230 196 208 246 Z" fill="${hex(hair)}"/>`;
  }
  // Initials badge (text is decoration: without fonts the badge still draws).
  const text = escapeHtml(initials.trim().slice(0, 3).toUpperCase());
  if (text) {
    out += circle(492, 500, 62, hex(s.accent), ` stroke="${hex(shade(s.sky, 0.5))}" stroke-width="6"`);
    out += `<text x="492" y="500" dy="0.35em" text-anchor="middle" font-family="${FONT}" font-weight="bold" font-size="${text.length > 2 ? 38 : 48}" fill="${hex(luminance(s.accent) > 0.6 ? shade(s.ground, -0.5) : shade(s.sky, 0.6))}">${text}</text>`;
  }
  return out;
};

const logo: Draw = (s, initials) => {
  const { w, h } = s;
  const bg = s.sky;
  const fg = s.ground;
  let out = rect(0, 0, w, h, radial(s, [[0, shade(bg, 0.12)], [1, shade(bg, -0.15)]]));
  const cx = w / 2;
  const cy = h / 2;
  out += circle(cx, cy, 235, hex(shade(bg, -0.12)), ` stroke="${hex(s.accent)}" stroke-width="22"`);
  out += circle(cx, cy, 200, 'none', ` stroke="${hex(fg)}" stroke-width="3" opacity="0.5"`);
  // Globe lines: a wire service's signal.
  out += `<g fill="none" stroke="${hex(s.accent)}" stroke-width="3" opacity="0.35">`;
  for (const rx of [60, 120, 170]) out += `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="198"/>`;
  for (const dy of [-120, -60, 0, 60, 120]) {
    const half = Math.sqrt(198 * 198 - dy * dy);
    out += `<line x1="${n(cx - half)}" y1="${cy + dy}" x2="${n(cx + half)}" y2="${cy + dy}"/>`;
  }
  out += `</g>`;
  out += rect(cx - 150, cy - 80, 300, 160, hex(shade(bg, -0.12)), ' rx="18" opacity="0.85"');
  const text = escapeHtml(initials.trim().slice(0, 4).toUpperCase());
  if (text) {
    const size = text.length >= 4 ? 96 : text.length === 3 ? 120 : text.length === 2 ? 150 : 190;
    out += `<text x="${cx}" y="${cy}" dy="0.36em" text-anchor="middle" font-family="${FONT}" font-weight="bold" font-size="${size}" letter-spacing="4" fill="${hex(fg)}">${text}</text>`;
  }
  out += rect(cx - 120, cy + 96, 240, 10, hex(s.accent), ' rx="5"');
  return out;
};

const field: Draw = (s) => {
  const horizon = 520;
  const night = isNight(s);
  let out = skyBackdrop(s, horizon);
  if (night) out += stars(s, 160, 420);
  else out += clouds(s, 4, 80, 300, WHITE, 0.8);
  const lamp = mix(s.accent, WHITE, 0.55);
  // Bleachers and the press box.
  const dark = shade(s.sky, -0.45);
  out += poly([[-10, horizon], [-10, 380], [520, 430], [520, horizon]], hex(shade(dark, 0.12)));
  out += poly([[1080, horizon], [1080, 430], [s.w + 10, 380], [s.w + 10, horizon]], hex(shade(dark, 0.12)));
  out += crowd(s, 0, 510, 430, horizon, 4, shade(dark, 0.4));
  out += crowd(s, 1090, s.w, 430, horizon, 4, shade(dark, 0.4));
  out += rect(560, 440, 480, 80, hex(dark));
  out += rect(700, 400, 200, 48, hex(shade(dark, 0.1)));
  for (let i = 0; i < 8; i++) out += rect(710 + i * 24, 412, 16, 18, hex(lamp), ' opacity="0.8"');
  // Light towers and their beams.
  for (const x of [s.rng.range(150, 300), s.rng.range(1300, 1450)]) {
    out += poly([[x - 40, 190], [x + 40, 190], [x + 330, 900], [x - 330, 900]], hex(lamp), ' opacity="0.06"');
    out += lightTower(s, x, horizon, 190, shade(dark, 0.15), lamp, true);
  }
  // Field: stripes shrinking into the distance, converging sidelines.
  const vx = 800;
  const vy = 300;
  const grassA = shade(s.ground, 0.06);
  const grassB = shade(s.ground, -0.06);
  out += rect(0, horizon, s.w, s.h - horizon, hex(grassB));
  const lineColor = hex(mix(WHITE, s.ground, 0.08));
  const lines: number[] = [];
  for (let i = 0; i < 12; i++) lines.push(horizon + 12 + (380 * (i / 11) ** 1.7));
  for (let i = 0; i < lines.length - 1; i++) {
    if (i % 2) out += rect(0, lines[i] as number, s.w, (lines[i + 1] as number) - (lines[i] as number), hex(grassA));
  }
  out += `<g stroke="${lineColor}" stroke-width="4">`;
  for (const y of lines) out += `<line x1="0" y1="${n(y)}" x2="${s.w}" y2="${n(y)}"/>`;
  out += `</g>`;
  // Sidelines from the vanishing point, and the area outside them.
  const sideAt = (side: number, y: number): number => vx + side * ((y - vy) / (s.h - vy)) * 1400;
  for (const side of [-1, 1]) {
    const x1 = sideAt(side, horizon);
    const x2 = sideAt(side, s.h);
    out += poly([[x1, horizon], [x2, s.h], [side * 2000 + 800, s.h], [side * 2000 + 800, horizon]], hex(shade(s.ground, -0.2)));
    out += `<line x1="${n(x1)}" y1="${horizon}" x2="${n(x2)}" y2="${s.h}" stroke="${lineColor}" stroke-width="8"/>`;
  }
  // Hash marks.
  for (const y of lines) {
    for (const side of [-1, 1]) {
      const x = vx + side * ((y - vy) / (s.h - vy)) * 300;
      out += rect(x - 2, y - 3, 4 + (y - horizon) / 40, 7 + (y - horizon) / 30, lineColor);
    }
  }
  // End zone at the far end and the goalpost.
  out += rect(0, horizon, s.w, 12, hex(shade(s.accent, -0.3)));
  const gp = hex(s.accent);
  out += rect(vx - 5, horizon - 80, 10, 90, gp);
  out += rect(vx - 110, horizon - 84, 220, 10, gp);
  out += rect(vx - 110, horizon - 260, 9, 180, gp);
  out += rect(vx + 101, horizon - 260, 9, 180, gp);
  // Ground glow from the lights.
  out += `<ellipse cx="800" cy="700" rx="900" ry="260" fill="${radial(s, [[0, lamp, 0.18], [1, lamp, 0]])}"/>`;
  return out;
};

const market: Draw = (s) => {
  const street = 700;
  let out = skyBackdrop(s, 400);
  out += sunOrMoon(s, s.rng.range(200, 1400), 110, 50);
  out += clouds(s, 3, 60, 200, WHITE, 0.75);
  // Facades behind the stalls.
  let x = -20;
  const facadeColors = [mix(s.ground, WHITE, 0.35), mix(s.accent, WHITE, 0.55), mix(s.sky, s.ground, 0.35), mix(s.ground, WHITE, 0.55)];
  while (x < s.w) {
    const fw = s.rng.range(190, 280);
    const top = s.rng.range(130, 260);
    const c = s.rng.pick(facadeColors);
    out += rect(x, top, fw, street - top, hex(c));
    out += rect(x - 6, top - 14, fw + 12, 16, hex(shade(c, -0.2)));
    const cols = Math.floor((fw - 30) / 60);
    for (let r = 0; r < 3; r++) {
      for (let k = 0; k < cols; k++) {
        const wx = x + 25 + k * ((fw - 50) / cols) + 8;
        const wy = top + 30 + r * 90;
        if (wy + 60 > 470) continue;
        out += rect(wx, wy, 34, 56, hex(shade(c, -0.45)));
        out += rect(wx - 4, wy + 56, 42, 6, hex(shade(c, -0.15)));
      }
    }
    x += fw;
  }
  // Bunting.
  out += `<path d="M0 150 Q400 230 800 150 Q1200 230 1600 150" fill="none" stroke="${hex(shade(s.ground, -0.4))}" stroke-width="2"/>`;
  const flagColors = [s.accent, mix(s.accent, WHITE, 0.5), [240, 190, 60] as Rgb, [70, 130, 180] as Rgb, [80, 160, 100] as Rgb];
  for (let fx = 20; fx < s.w; fx += 44) {
    const u = (fx % 800) / 800;
    const fy = 150 + 160 * u * (1 - u); // on the quadratic curve above
    out += poly([[fx - 14, fy], [fx + 14, fy], [fx, fy + 34]], hex(s.rng.pick(flagColors)));
  }
  // Street.
  out += rect(0, street, s.w, s.h - street, vGradient(s, [[0, mix(s.ground, WHITE, 0.25)], [1, s.ground]]));
  for (let y = street + 20; y < s.h; y += 28 + (y - street) * 0.08) {
    out += `<line x1="0" y1="${n(y)}" x2="${s.w}" y2="${n(y)}" stroke="${hex(shade(s.ground, -0.12))}" stroke-width="2" opacity="0.5"/>`;
  }
  // Stalls with striped, scalloped awnings and produce.
  const stalls = 4;
  const stallW = s.w / stalls;
  const produce: Rgb[] = [[220, 60, 40], [245, 150, 40], [250, 210, 60], [110, 170, 60], [150, 60, 110], [80, 130, 50]];
  for (let i = 0; i < stalls; i++) {
    const sx = i * stallW + 30;
    const sw = stallW - 60;
    const awnTop = 430 + s.rng.range(-15, 15);
    const stripeA = s.rng.chance(0.5) ? s.accent : s.rng.pick(flagColors.slice(2));
    const stripeB = mix(WHITE, s.sky, 0.15);
    // Posts.
    out += rect(sx + 8, awnTop, 10, 300, hex(shade(s.ground, -0.3)));
    out += rect(sx + sw - 18, awnTop, 10, 300, hex(shade(s.ground, -0.3)));
    // Awning.
    out += poly([[sx - 10, awnTop + 80], [sx + 20, awnTop], [sx + sw - 20, awnTop], [sx + sw + 10, awnTop + 80]], hex(stripeB));
    const stripes = 8;
    for (let k = 0; k < stripes; k += 2) {
      const a = k / stripes;
      const b = (k + 1) / stripes;
      const topX = (t: number): number => sx + 20 + (sw - 40) * t;
      const botX = (t: number): number => sx - 10 + (sw + 20) * t;
      out += poly([[topX(a), awnTop], [topX(b), awnTop], [botX(b), awnTop + 80], [botX(a), awnTop + 80]], hex(stripeA));
    }
    const sc = (sw + 20) / stripes;
    for (let k = 0; k < stripes; k++) {
      out += `<path d="M${n(sx - 10 + k * sc)} ${n(awnTop + 79)} a${n(sc / 2)} ${n(sc / 2.4)} 0 0 0 ${n(sc)} 0 Z" fill="${hex(k % 2 ? stripeB : stripeA)}"/>`;
    }
    out += rect(sx - 10, awnTop + 78, sw + 20, 4, hex(shade(stripeA, -0.3)), ' opacity="0.4"');
    // Shade under the awning.
    out += rect(sx + 18, awnTop + 82, sw - 36, 170, '#000', ' opacity="0.12"');
    // Table with cloth and crates.
    const tableY = 610;
    out += rect(sx, tableY, sw, 16, hex(shade(s.ground, -0.15)));
    out += rect(sx + 6, tableY + 16, sw - 12, 90, hex(mix(stripeA, WHITE, 0.6)));
    for (let k = 0; k < 3; k++) {
      const cw = (sw - 40) / 3;
      const cxx = sx + 20 + k * cw;
      const color = s.rng.pick(produce);
      // Produce pile.
      for (let row = 0; row < 3; row++) {
        const count = 5 - row;
        for (let p = 0; p < count; p++) {
          const r = 11;
          const px = cxx + cw / 2 - ((count - 1) * r * 1.9) / 2 + p * r * 1.9;
          out += circle(px, tableY - 8 - row * 15, r, hex(shade(color, s.rng.range(-0.1, 0.1))));
          out += circle(px - 3, tableY - 12 - row * 15, 3, '#ffffff', ' opacity="0.35"');
        }
      }
      out += rect(cxx + 6, tableY - 6, cw - 12, 8, hex(shade(s.ground, 0.1)));
    }
    out += rect(sx + 20, tableY + 40, 70, 60, hex(shade(s.ground, 0.15)));
    out += rect(sx + 20, tableY + 62, 70, 5, hex(shade(s.ground, -0.1)));
  }
  // Shoppers.
  for (let i = 0; i < 6; i++) {
    const px = s.rng.range(60, s.w - 60);
    const py = s.rng.range(790, 880);
    const k = 0.9 + (py - 780) / 250;
    const coat = s.rng.pick([s.accent, shade(s.ground, -0.3), [60, 90, 130] as Rgb, [90, 120, 80] as Rgb, [200, 170, 120] as Rgb]);
    out += `<ellipse cx="${n(px)}" cy="${n(py)}" rx="${n(28 * k)}" ry="${n(7 * k)}" fill="#000" opacity="0.18"/>`;
    out += rect(px - 12 * k, py - 60 * k, 10 * k, 60 * k, hex([50, 50, 60]));
    out += rect(px + 2 * k, py - 60 * k, 10 * k, 60 * k, hex([50, 50, 60]));
    out += `<rect x="${n(px - 20 * k)}" y="${n(py - 140 * k)}" width="${n(40 * k)}" height="${n(88 * k)}" rx="${n(14 * k)}" fill="${hex(coat)}"/>`;
    out += circle(px, py - 158 * k, 16 * k, hex(s.rng.pick([[230, 190, 160], [160, 110, 80], [110, 70, 50]] as Rgb[])));
    if (s.rng.chance(0.5)) out += `<rect x="${n(px + 18 * k)}" y="${n(py - 90 * k)}" width="${n(22 * k)}" height="${n(26 * k)}" rx="${n(4 * k)}" fill="${hex([190, 150, 90])}"/>`;
  }
  return out;
};

const bridge: Draw = (s) => {
  const waterY = 560;
  let out = skyBackdrop(s, waterY);
  if (isNight(s)) out += stars(s, 100, 400);
  out += sunOrMoon(s, s.rng.range(200, 1400), s.rng.range(120, 220), 55);
  out += clouds(s, 5, 70, 320, WHITE, 0.7);
  const haze = mix(s.sky, WHITE, 0.2);
  out += poly(ridge(s, 470, 50, 3, waterY + 2, 30), hex(mix(s.ground, haze, 0.6)));
  // City on the far bank.
  out += buildings(s, { baseY: waterY, minH: 30, maxH: 140, color: mix(s.ground, haze, 0.45) });
  // Water.
  out += rect(0, waterY, s.w, s.h - waterY, vGradient(s, [[0, mix(s.ground, s.sky, 0.45)], [1, shade(s.ground, -0.3)]]));
  const deckY = 430;
  const span0 = 330;
  const span1 = 1270;
  const arch = s.accent;
  const archTop = 170;
  const deck = shade(s.ground, -0.25);
  const drawBridge = (): string => {
    let b = '';
    // Approach piers with stone arches.
    for (const [a, z] of [[-40, span0], [span1, s.w + 40]] as Array<[number, number]>) {
      const count = 3;
      const wdt = (z - a) / count;
      for (let i = 0; i < count; i++) {
        const x0 = a + i * wdt;
        b += `<path d="M${n(x0)} ${deckY + 20} L${n(x0 + wdt)} ${deckY + 20} L${n(x0 + wdt)} ${waterY + 4} L${n(x0 + wdt - 18)} ${waterY + 4} L${n(x0 + wdt - 18)} ${deckY + 110} Q${n(x0 + wdt / 2)} ${deckY + 40} ${n(x0 + 18)} ${deckY + 110} L${n(x0 + 18)} ${waterY + 4} L${n(x0)} ${waterY + 4} Z" fill="${hex(mix(s.ground, haze, 0.15))}"/>`;
      }
    }
    // Main piers.
    b += rect(span0 - 30, deckY + 10, 60, waterY - deckY - 6, hex(shade(s.ground, -0.1)));
    b += rect(span1 - 30, deckY + 10, 60, waterY - deckY - 6, hex(shade(s.ground, -0.1)));
    // Through arch with hangers.
    const mid = (span0 + span1) / 2;
    const half = (span1 - span0) / 2;
    for (let i = 1; i < 16; i++) {
      const x = span0 + ((span1 - span0) * i) / 16;
      const u = (x - mid) / half;
      const y = deckY - (deckY - archTop) * (1 - u * u);
      b += `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x)}" y2="${deckY}" stroke="${hex(shade(arch, -0.2))}" stroke-width="4"/>`;
    }
    b += `<path d="M${span0} ${deckY + 10} Q${mid} ${2 * archTop - deckY} ${span1} ${deckY + 10}" fill="none" stroke="${hex(arch)}" stroke-width="26"/>`;
    b += `<path d="M${span0 + 10} ${deckY + 10} Q${mid} ${2 * archTop - deckY + 30} ${span1 - 10} ${deckY + 10}" fill="none" stroke="${hex(shade(arch, -0.15))}" stroke-width="8"/>`;
    // Deck and railing.
    b += rect(-20, deckY, s.w + 40, 24, hex(deck));
    b += rect(-20, deckY - 10, s.w + 40, 4, hex(shade(deck, 0.3)));
    for (let x = 0; x < s.w; x += 24) b += rect(x, deckY - 10, 3, 10, hex(shade(deck, 0.3)));
    // Lamps along the deck.
    for (let x = 60; x < s.w; x += 150) {
      b += rect(x, deckY - 46, 4, 46, hex(deck));
      b += circle(x + 2, deckY - 50, 6, hex(mix(s.accent, WHITE, 0.6)));
    }
    return b;
  };
  const structure = drawBridge();
  out += structure;
  // Mirrored reflection, faded.
  out += `<g transform="translate(0 ${2 * waterY}) scale(1 -1)" opacity="0.28">${structure}</g>`;
  for (let i = 0; i < 80; i++) {
    const y = s.rng.range(waterY + 6, s.h);
    out += rect(s.rng.range(0, s.w), y, s.rng.range(30, 120), 2.5, hex(shade(s.ground, 0.3)), ` opacity="${n(s.rng.range(0.25, 0.6))}"`);
  }
  // Near bank with trees.
  const bank = ridge(s, 850, 20, 2, s.h + 10, 40);
  out += poly(bank, hex(shade(s.ground, -0.4)));
  const leaf = mix([60, 110, 70], s.ground, 0.4);
  for (let i = 0; i < 5; i++) {
    const tx = s.rng.chance(0.5) ? s.rng.range(-20, 260) : s.rng.range(1340, 1620);
    out += roundTree(tx, ridgeY(bank, tx) + 20, s.rng.range(160, 260), shade(leaf, -0.2), shade(s.ground, -0.5));
  }
  out += birds(s, 5, s.rng.range(300, 1300), 180, hex(shade(s.ground, -0.4)));
  return out;
};

const rain: Draw = (s) => {
  const street = 640;
  let out = skyBackdrop(s, street);
  // Heavy cloud banks.
  const cloudA = shade(s.sky, -0.2);
  const cloudB = shade(s.sky, 0.12);
  const soft = blur(s, 14);
  out += `<g filter="${soft}">`;
  for (let i = 0; i < 16; i++) {
    out += `<ellipse cx="${n(s.rng.range(-100, s.w + 100))}" cy="${n(s.rng.range(20, 260))}" rx="${n(s.rng.range(160, 320))}" ry="${n(s.rng.range(40, 90))}" fill="${hex(i % 2 ? cloudA : cloudB)}" opacity="0.75"/>`;
  }
  out += `</g>`;
  // Lightning, sometimes.
  if (s.rng.chance(0.5)) {
    let lx = s.rng.range(300, 1300);
    let ly = 180;
    let d = `M${n(lx)} ${ly}`;
    while (ly < 380) {
      lx += s.rng.range(-40, 40);
      ly += s.rng.range(25, 55);
      d += ` L${n(lx)} ${n(ly)}`;
    }
    out += `<path d="${d}" fill="none" stroke="${hex(mix(s.accent, WHITE, 0.7))}" stroke-width="4" stroke-linejoin="round"/>`;
  }
  out += buildings(s, { baseY: street, minH: 150, maxH: 360, color: mix(s.ground, s.sky, 0.45) });
  out += buildings(s, {
    baseY: street,
    minH: 80,
    maxH: 240,
    color: s.ground,
    windows: { lit: mix(s.accent, [255, 220, 150], 0.5), dark: shade(s.ground, 0.08), litChance: 0.35 },
  });
  // Wet street with long reflections.
  out += rect(0, street, s.w, s.h - street, vGradient(s, [[0, shade(s.ground, -0.2)], [1, shade(s.ground, -0.45)]]));
  for (let i = 0; i < 40; i++) {
    const x = s.rng.range(0, s.w);
    out += rect(x, street + 6, s.rng.range(4, 14), s.rng.range(60, 220), hex(mix(s.accent, [255, 220, 150], 0.5)), ` opacity="${n(s.rng.range(0.08, 0.25))}"`);
  }
  out += rect(0, street, s.w, 8, hex(shade(s.ground, -0.5)));
  // Street lamps.
  for (let x = s.rng.range(80, 200); x < s.w; x += 420) {
    out += rect(x, street - 230, 7, 236, hex(shade(s.ground, -0.5)));
    out += `<path d="M${n(x + 3)} ${street - 230} q30 -10 50 10" fill="none" stroke="${hex(shade(s.ground, -0.5))}" stroke-width="6"/>`;
    out += circle(x + 53, street - 214, 9, hex(mix(s.accent, [255, 230, 170], 0.6)));
    out += circle(x + 53, street - 214, 110, radial(s, [[0, [255, 220, 150], 0.35], [1, [255, 220, 150], 0]]));
  }
  // Pedestrians with umbrellas.
  for (let i = 0; i < 5; i++) {
    const px = s.rng.range(80, s.w - 80);
    const py = s.rng.range(700, 870);
    const k = 0.8 + (py - 680) / 260;
    const coat = shade(s.ground, -0.55);
    const umb = s.rng.chance(0.5) ? s.accent : s.rng.pick([[200, 60, 50], [230, 190, 60], [40, 40, 50]] as Rgb[]);
    out += rect(px - 12 * k, py - 60 * k, 9 * k, 60 * k, hex(coat));
    out += rect(px + 3 * k, py - 60 * k, 9 * k, 60 * k, hex(coat));
    out += `<rect x="${n(px - 20 * k)}" y="${n(py - 140 * k)}" width="${n(40 * k)}" height="${n(88 * k)}" rx="${n(14 * k)}" fill="${hex(coat)}"/>`;
    out += circle(px, py - 156 * k, 15 * k, hex(coat));
    out += `<line x1="${n(px)}" y1="${n(py - 110 * k)}" x2="${n(px)}" y2="${n(py - 205 * k)}" stroke="${hex([30, 30, 35])}" stroke-width="${n(3 * k)}"/>`;
    out += `<path d="M${n(px - 62 * k)} ${n(py - 190 * k)} Q${n(px)} ${n(py - 265 * k)} ${n(px + 62 * k)} ${n(py - 190 * k)} Q${n(px + 31 * k)} ${n(py - 200 * k)} ${n(px)} ${n(py - 190 * k)} Q${n(px - 31 * k)} ${n(py - 200 * k)} ${n(px - 62 * k)} ${n(py - 190 * k)} Z" fill="${hex(umb)}"/>`;
    out += `<ellipse cx="${n(px)}" cy="${n(py + 4)}" rx="${n(50 * k)}" ry="${n(8 * k)}" fill="${hex(umb)}" opacity="0.18"/>`;
  }
  // Rain streaks, slanted, at two depths.
  const streak = hex(mix(s.accent, WHITE, 0.4));
  const slant = s.rng.range(0.12, 0.3);
  let far = '';
  let near = '';
  for (let i = 0; i < 420; i++) {
    const x = s.rng.range(-100, s.w + 50);
    const y = s.rng.range(-50, s.h);
    const len = s.rng.range(22, 48);
    far += `M${n(x)} ${n(y)}l${n(len * slant)} ${n(len)}`;
  }
  for (let i = 0; i < 140; i++) {
    const x = s.rng.range(-100, s.w + 50);
    const y = s.rng.range(-50, s.h);
    const len = s.rng.range(50, 90);
    near += `M${n(x)} ${n(y)}l${n(len * slant)} ${n(len)}`;
  }
  out += `<path d="${far}" stroke="${streak}" stroke-width="1.5" opacity="0.35" stroke-linecap="round"/>`;
  out += `<path d="${near}" stroke="${streak}" stroke-width="2.5" opacity="0.45" stroke-linecap="round"/>`;
  // Splashes on the street.
  for (let i = 0; i < 60; i++) {
    const x = s.rng.range(0, s.w);
    const y = s.rng.range(street + 20, s.h);
    out += `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(s.rng.range(6, 16))}" ry="${n(s.rng.range(2, 4))}" fill="none" stroke="${streak}" stroke-width="1.2" opacity="0.4"/>`;
  }
  return out;
};


/** A standing person seen from the front; `k` scales from a 1.0 figure about 170 units tall. */
function person(x: number, footY: number, k: number, coat: Rgb, skin: Rgb, opts: { armsUp?: boolean; bag?: Rgb } = {}): string {
  let out = `<ellipse cx="${n(x)}" cy="${n(footY)}" rx="${n(28 * k)}" ry="${n(7 * k)}" fill="#000" opacity="0.18"/>`;
  out += rect(x - 12 * k, footY - 60 * k, 10 * k, 60 * k, hex([50, 50, 60]));
  out += rect(x + 2 * k, footY - 60 * k, 10 * k, 60 * k, hex([50, 50, 60]));
  if (opts.armsUp) {
    out += `<line x1="${n(x - 14 * k)}" y1="${n(footY - 128 * k)}" x2="${n(x - 26 * k)}" y2="${n(footY - 196 * k)}" stroke="${hex(coat)}" stroke-width="${n(11 * k)}" stroke-linecap="round"/>`;
    out += `<line x1="${n(x + 14 * k)}" y1="${n(footY - 128 * k)}" x2="${n(x + 26 * k)}" y2="${n(footY - 196 * k)}" stroke="${hex(coat)}" stroke-width="${n(11 * k)}" stroke-linecap="round"/>`;
  }
  out += `<rect x="${n(x - 20 * k)}" y="${n(footY - 140 * k)}" width="${n(40 * k)}" height="${n(88 * k)}" rx="${n(14 * k)}" fill="${hex(coat)}"/>`;
  out += circle(x, footY - 158 * k, 16 * k, hex(skin));
  if (opts.bag) out += `<rect x="${n(x + 18 * k)}" y="${n(footY - 90 * k)}" width="${n(22 * k)}" height="${n(26 * k)}" rx="${n(4 * k)}" fill="${hex(opts.bag)}"/>`;
  return out;
}

const SKIN: Rgb[] = [[230, 190, 160], [196, 146, 110], [160, 110, 80], [110, 70, 50]];

/**
 * A ballpark seen from high behind home plate: the dirt infield with its
 * grass diamond, bases, the pitcher's mound, foul lines, an outfield wall
 * with distance markers, bleachers, a scoreboard and light towers.
 */
const baseball: Draw = (s) => {
  const night = isNight(s);
  const wallTop = 360;
  let out = skyBackdrop(s, 300);
  if (night) out += stars(s, 70, 200);
  else out += clouds(s, 4, 50, 170, WHITE, 0.8);
  const stand = mix(s.ground, [120, 120, 130], 0.75);
  // Outfield bleachers and the crowd.
  out += rect(-10, 230, s.w + 20, wallTop - 230, hex(shade(stand, -0.25)));
  out += crowd(s, 0, s.w, 240, wallTop - 6, 4.5, stand);
  // Scoreboard with a line score.
  const sbx = s.rng.range(980, 1220);
  out += rect(sbx, 80, 300, 150, hex(shade(s.ground, -0.7)));
  out += rect(sbx + 12, 92, 276, 106, hex([18, 28, 22]));
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 9; c++) out += rect(sbx + 24 + c * 29, 104 + r * 46, 20, 32, hex(s.rng.chance(0.55) ? mix(s.accent, WHITE, 0.5) : [45, 55, 48]));
  }
  out += rect(sbx + 140, 230, 20, 10, hex(shade(s.ground, -0.7)));
  const lamp = mix(s.accent, WHITE, 0.65);
  out += lightTower(s, 150, 240, 70, shade(stand, -0.5), lamp, night);
  out += lightTower(s, 700, 240, 60, shade(stand, -0.5), lamp, night);
  // Outfield wall with padding, a yellow top line and distance markers.
  const wall = shade(s.ground, -0.55);
  out += rect(-10, wallTop, s.w + 20, 52, hex(wall));
  out += rect(-10, wallTop - 5, s.w + 20, 7, hex([240, 200, 60]));
  const markers: Array<[number, string]> = [[230, '330'], [520, '375'], [800, '400'], [1080, '375'], [1370, '330']];
  for (const [x, label] of markers) {
    out += `<text x="${x}" y="${wallTop + 38}" font-family="${FONT}" font-weight="700" font-size="30" fill="#f4f1e6" text-anchor="middle">${label}</text>`;
  }
  // Warning track, then the outfield grass in mowed bands.
  const grassTop = wallTop + 52;
  out += rect(-10, grassTop, s.w + 20, 24, hex([176, 124, 84]));
  const grass = s.ground;
  out += rect(-10, grassTop + 24, s.w + 20, s.h - grassTop, hex(grass));
  for (let i = 0; i < 9; i++) {
    const y = grassTop + 24 + i * i * 6.5;
    out += rect(-10, y, s.w + 20, 8 + i * 6, hex(shade(grass, 0.07)), ' opacity="0.7"');
  }
  // Foul lines from home plate to the foul poles.
  const home: [number, number] = [800, 860];
  const first: [number, number] = [1085, 690];
  const second: [number, number] = [800, 585];
  const third: [number, number] = [515, 690];
  const dirt: Rgb = [186, 128, 82];
  // The infield dirt: a wide arc behind the bases.
  out += `<path d="M${n(home[0] - 470)} ${n(home[1] - 75)} Q800 395 ${n(home[0] + 470)} ${n(home[1] - 75)} L${n(home[0])} ${n(home[1] + 30)} Z" fill="${hex(dirt)}"/>`;
  // Grass inside the base paths.
  const inset = 34;
  out += poly(
    [
      [home[0], home[1] - inset * 1.6],
      [first[0] - inset * 1.4, first[1]],
      [second[0], second[1] + inset],
      [third[0] + inset * 1.4, third[1]],
    ],
    hex(shade(grass, 0.04)),
  );
  // Pitcher's mound and the rubber.
  out += `<ellipse cx="800" cy="708" rx="62" ry="24" fill="${hex(shade(dirt, 0.05))}"/>`;
  out += rect(788, 702, 24, 5, '#f7f5ee');
  // Home plate circle.
  out += `<ellipse cx="${home[0]}" cy="${home[1] - 6}" rx="120" ry="48" fill="${hex(shade(dirt, 0.04))}"/>`;
  const chalk = '#f7f5ee';
  out += `<g stroke="${chalk}" stroke-width="5" fill="none">`;
  out += `<line x1="${home[0]}" y1="${home[1]}" x2="-40" y2="${grassTop + 10}"/>`;
  out += `<line x1="${home[0]}" y1="${home[1]}" x2="${s.w + 40}" y2="${grassTop + 10}"/>`;
  out += '</g>';
  // Foul poles.
  out += rect(-4, wallTop - 170, 9, 222, hex([240, 200, 60]));
  out += rect(s.w - 5, wallTop - 170, 9, 222, hex([240, 200, 60]));
  // Bases and home plate.
  for (const [bx, by] of [first, second, third]) out += poly([[bx, by - 10], [bx + 16, by], [bx, by + 10], [bx - 16, by]], chalk);
  out += poly([[home[0] - 14, home[1] - 8], [home[0] + 14, home[1] - 8], [home[0] + 14, home[1]], [home[0], home[1] + 8], [home[0] - 14, home[1]]], chalk);
  // Batter's boxes.
  out += `<g stroke="${chalk}" stroke-width="3" fill="none"><rect x="${home[0] - 62}" y="${home[1] - 30}" width="34" height="50"/><rect x="${home[0] + 28}" y="${home[1] - 30}" width="34" height="50"/></g>`;
  // Players: fielders in the home team's colours, a batter in the visitors'.
  const homeKit = mix(WHITE, s.sky, 0.08);
  const cap = shade(s.accent, -0.2);
  const player = (x: number, y: number, k: number, kit: Rgb): string =>
    `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(14 * k)}" ry="${n(4 * k)}" fill="#000" opacity="0.25"/>` +
    rect(x - 7 * k, y - 30 * k, 6 * k, 30 * k, hex(shade(kit, -0.1))) +
    rect(x + 1 * k, y - 30 * k, 6 * k, 30 * k, hex(shade(kit, -0.1))) +
    `<rect x="${n(x - 10 * k)}" y="${n(y - 62 * k)}" width="${n(20 * k)}" height="${n(34 * k)}" rx="${n(5 * k)}" fill="${hex(kit)}"/>` +
    circle(x, y - 70 * k, 8 * k, hex(s.rng.pick(SKIN))) +
    `<path d="M${n(x - 9 * k)} ${n(y - 72 * k)} a${n(9 * k)} ${n(8 * k)} 0 0 1 ${n(18 * k)} 0 l${n(5 * k)} 1 z" fill="${hex(cap)}"/>`;
  const fielders: Array<[number, number, number]> = [
    [800, 700, 1.0],
    [1040, 640, 0.95],
    [930, 600, 0.9],
    [660, 600, 0.9],
    [560, 650, 0.95],
    [330, 470, 0.75],
    [800, 445, 0.7],
    [1270, 470, 0.75],
  ];
  for (const [x, y, k] of fielders) out += player(x, y, k, homeKit);
  // Catcher crouched behind the plate and the batter with a raised bat.
  out += player(800, 900, 1.2, homeKit);
  const visitors = shade(s.accent, -0.45);
  out += player(738, 868, 1.3, visitors);
  out += `<line x1="${n(748)}" y1="${n(790)}" x2="${n(700)}" y2="${n(738)}" stroke="${hex([150, 105, 60])}" stroke-width="7" stroke-linecap="round"/>`;
  out += circle(800, 760, 6, '#ffffff');
  return out;
};

/**
 * An indoor volleyball match from behind one end line: wooden floor with the
 * court's lines, the net on its posts, players leaping at the net, a crowd in
 * the bleachers and banners under the gym lights.
 */
const volleyball: Draw = (s) => {
  const wallBottom = 430;
  const wall = mix(s.sky, WHITE, 0.35);
  let out = rect(-10, -10, s.w + 20, wallBottom + 10, vGradient(s, [[0, shade(wall, -0.25)], [1, wall]]));
  // Roof trusses and lights.
  for (let x = 0; x <= s.w; x += 200) out += `<line x1="${x}" y1="0" x2="${x + 100}" y2="90" stroke="${hex(shade(wall, -0.4))}" stroke-width="6"/>`;
  out += rect(-10, 86, s.w + 20, 8, hex(shade(wall, -0.4)));
  for (let x = 140; x < s.w; x += 260) {
    out += rect(x - 40, 94, 80, 14, hex(shade(wall, -0.5)));
    out += `<ellipse cx="${x}" cy="112" rx="120" ry="40" fill="${radial(s, [[0, WHITE, 0.55], [1, WHITE, 0]])}"/>`;
  }
  // Championship banners.
  for (let i = 0; i < 5; i++) {
    const bx = 180 + i * 280;
    out += poly([[bx, 120], [bx + 110, 120], [bx + 110, 230], [bx + 55, 262], [bx, 230]], hex(i % 2 ? s.accent : shade(s.ground, -0.4)));
    out += rect(bx + 18, 150, 74, 8, '#ffffff', ' opacity="0.8"');
    out += rect(bx + 26, 170, 58, 6, '#ffffff', ' opacity="0.6"');
  }
  // Bleachers along the far wall, full.
  out += rect(-10, 280, s.w + 20, wallBottom - 280, hex(shade(wall, -0.3)));
  for (let y = 290; y < wallBottom; y += 26) out += rect(-10, y + 20, s.w + 20, 4, hex(shade(wall, -0.45)));
  out += crowd(s, 0, s.w, 284, wallBottom - 4, 5, shade(wall, -0.2));
  // The floor in perspective.
  const floor = s.ground;
  out += rect(-10, wallBottom, s.w + 20, s.h - wallBottom + 10, vGradient(s, [[0, shade(floor, -0.08)], [1, shade(floor, 0.12)]]));
  for (let y = wallBottom + 8; y < s.h; y += 10 + (y - wallBottom) * 0.06) {
    out += `<line x1="-10" y1="${n(y)}" x2="${s.w + 10}" y2="${n(y)}" stroke="${hex(shade(floor, -0.15))}" stroke-width="1.5" opacity="0.5"/>`;
  }
  // Court: far end line, net line, attack lines, near end line; sidelines converge.
  const vx = 800;
  const vy = 120;
  const side = (sign: number, y: number): number => vx + sign * ((y - vy) / (s.h - vy)) * 900;
  const farY = 470;
  const netY = 560;
  const nearY = 880;
  const courtColor = shade(s.accent, 0.1);
  out += poly([[side(-1, farY), farY], [side(1, farY), farY], [side(1, nearY), nearY], [side(-1, nearY), nearY]], hex(courtColor), ' opacity="0.55"');
  const line = '#fbfaf4';
  out += `<g stroke="${line}" stroke-width="5">`;
  for (const y of [farY, netY, nearY]) out += `<line x1="${n(side(-1, y))}" y1="${y}" x2="${n(side(1, y))}" y2="${y}"/>`;
  for (const y of [netY - 30, netY + 70]) out += `<line x1="${n(side(-1, y))}" y1="${y}" x2="${n(side(1, y))}" y2="${y}" stroke-dasharray="14 10"/>`;
  for (const sign of [-1, 1]) out += `<line x1="${n(side(sign, farY))}" y1="${farY}" x2="${n(side(sign, nearY))}" y2="${nearY}"/>`;
  out += '</g>';
  // Far team, then the net, then the near team jumping to block.
  const farKit = shade(s.ground, -0.45);
  const nearKit = s.accent;
  for (const x of [560, 760, 1010]) out += person(x, 520, 0.5, farKit, s.rng.pick(SKIN));
  const netTop = 330;
  const left = side(-1, netY) - 40;
  const right = side(1, netY) + 40;
  out += rect(left - 8, netTop - 10, 14, netY - netTop + 10, hex([70, 70, 80]));
  out += rect(right - 6, netTop - 10, 14, netY - netTop + 10, hex([70, 70, 80]));
  out += rect(left, netTop, right - left, 10, '#ffffff');
  out += rect(left, netTop + 100, right - left, 6, '#ffffff');
  out += `<g stroke="#1b1b22" stroke-width="1.6" opacity="0.7">`;
  for (let x = left; x < right; x += 16) out += `<line x1="${n(x)}" y1="${netTop + 10}" x2="${n(x)}" y2="${netTop + 100}"/>`;
  for (let y = netTop + 22; y < netTop + 100; y += 14) out += `<line x1="${n(left)}" y1="${y}" x2="${n(right)}" y2="${y}"/>`;
  out += '</g>';
  // A far-side hitter above the net and the ball.
  out += person(870, 470, 0.6, farKit, s.rng.pick(SKIN), { armsUp: true });
  out += circle(905, 300, 16, hex([250, 240, 200]));
  out += `<path d="M889 300 Q905 288 921 300 M896 290 Q905 304 914 314" stroke="${hex(s.accent)}" stroke-width="3" fill="none"/>`;
  // Near-side blockers in the air, seen from behind.
  for (const [x, k] of [[720, 1.25], [900, 1.3]] as Array<[number, number]>) out += person(x, 640, k, nearKit, s.rng.pick(SKIN), { armsUp: true });
  out += person(420, 820, 1.45, nearKit, s.rng.pick(SKIN));
  out += person(1230, 840, 1.5, nearKit, s.rng.pick(SKIN));
  return out;
};

/**
 * A double-ended car ferry coming in to a landing: terminal building, the
 * loading ramp on its pilings, and cars waiting in the holding lanes.
 */
const ferry: Draw = (s) => {
  const horizon = 470;
  let out = skyBackdrop(s, horizon);
  out += clouds(s, 6, 60, 280, shade(s.sky, 0.25), 0.7);
  out += birds(s, 5, s.rng.range(300, 900), 170, hex(shade(s.ground, -0.3)));
  const far = mix(s.ground, s.sky, 0.6);
  out += poly(ridge(s, horizon - 60, 50, 3, horizon + 2, 30), hex(far));
  out += poly(ridge(s, horizon - 20, 25, 2, horizon + 2, 30), hex(mix(s.ground, s.sky, 0.4)));
  // Water.
  out += rect(0, horizon, s.w, s.h - horizon, vGradient(s, [[0, mix(s.ground, s.sky, 0.35)], [1, shade(s.ground, -0.3)]]));
  for (let i = 0; i < 80; i++) {
    const y = s.rng.range(horizon + 8, s.h);
    const t = (y - horizon) / (s.h - horizon);
    out += rect(s.rng.range(0, s.w), y, s.rng.range(20, 70) * (0.5 + t), 2 + t * 2, hex(shade(s.ground, 0.3)), ` opacity="${n(0.2 + t * 0.3)}"`);
  }
  // The ferry, broadside, heading right towards the landing.
  const fx = 180;
  const wl = 640;
  const len = 820;
  const white = mix(WHITE, s.sky, 0.08);
  const band = shade(s.accent, -0.1);
  out += `<path d="M${fx} ${wl - 70} L${fx + len} ${wl - 70} L${fx + len - 40} ${wl} L${fx + 40} ${wl} Z" fill="${hex(white)}"/>`;
  out += rect(fx + 30, wl - 26, len - 60, 14, hex(band));
  // Car deck openings with cars inside.
  out += rect(fx + 60, wl - 120, len - 120, 50, hex(shade(white, -0.15)));
  for (let x = fx + 80; x < fx + len - 120; x += 70) {
    out += rect(x, wl - 112, 60, 36, hex([40, 44, 52]));
    out += `<rect x="${x + 8}" y="${wl - 104}" width="44" height="20" rx="6" fill="${hex(s.rng.pick([[200, 60, 50], [60, 90, 150], [230, 230, 230], [60, 60, 64], [220, 180, 60]] as Rgb[]))}"/>`;
  }
  // Passenger deck with a row of windows, then the wheelhouses at both ends and the stack.
  out += rect(fx + 40, wl - 180, len - 80, 62, hex(white));
  out += rect(fx + 40, wl - 184, len - 80, 6, hex(shade(white, -0.3)));
  for (let x = fx + 60; x < fx + len - 80; x += 34) out += rect(x, wl - 166, 24, 22, hex(shade(s.sky, -0.35)));
  out += rect(fx + 120, wl - 230, 150, 52, hex(white));
  out += rect(fx + len - 270, wl - 230, 150, 52, hex(white));
  for (const x0 of [fx + 130, fx + len - 260]) for (let k = 0; k < 4; k++) out += rect(x0 + k * 33, wl - 220, 26, 22, hex(shade(s.sky, -0.45)));
  out += rect(fx + len / 2 - 30, wl - 270, 60, 92, hex(band));
  out += rect(fx + len / 2 - 30, wl - 280, 60, 12, hex([40, 40, 44]));
  out += `<line x1="${fx + len / 2}" y1="${wl - 280}" x2="${fx + len / 2}" y2="${wl - 330}" stroke="#333" stroke-width="3"/>`;
  out += poly([[fx + len / 2, wl - 330], [fx + len / 2 + 36, wl - 322], [fx + len / 2, wl - 312]], hex(s.accent));
  // Reflection and bow wave.
  out += rect(fx + 40, wl + 2, len - 80, 46, hex(white), ' opacity="0.18"');
  out += `<path d="M${fx + len - 40} ${wl} q40 -10 90 6 q-50 4 -90 14 z" fill="#ffffff" opacity="0.7"/>`;
  // The landing: pilings, the ramp, the terminal and the holding lanes ashore.
  const shore = 1180;
  const pier = shade(s.ground, -0.55);
  out += poly([[shore, 560], [s.w + 10, 520], [s.w + 10, s.h + 10], [shore - 60, s.h + 10]], hex(mix([140, 140, 136], s.sky, 0.2)));
  out += poly([[1030, 610], [shore + 40, 585], [shore + 40, 605], [1030, 628]], hex([92, 92, 96]));
  for (const x of [1040, 1090, 1140]) out += rect(x, 620, 16, 120, hex(pier));
  for (const [x, y] of [[1010, 560], [1050, 700]] as Array<[number, number]>) {
    for (let k = 0; k < 3; k++) out += rect(x + k * 14, y - 70, 12, 150, hex(shade(pier, 0.1 * k)));
  }
  out += rect(1260, 380, 260, 150, hex(mix(s.accent, WHITE, 0.55)));
  out += poly([[1245, 382], [1390, 320], [1535, 382]], hex(shade(s.ground, -0.4)));
  for (let k = 0; k < 4; k++) out += rect(1280 + k * 60, 420, 40, 50, hex(shade(s.sky, -0.35)));
  out += rect(1360, 470, 50, 60, hex(shade(s.ground, -0.4)));
  // Lane stripes and waiting cars.
  for (let r = 0; r < 3; r++) {
    const y = 640 + r * 80;
    out += `<line x1="${shore + 10 - r * 20}" y1="${y + 44}" x2="${s.w}" y2="${y + 30}" stroke="#f2f2ea" stroke-width="3" stroke-dasharray="24 18"/>`;
    for (let x = shore + 40 - r * 20; x < s.w - 40; x += 110) {
      const c = s.rng.pick([[200, 60, 50], [60, 90, 150], [235, 235, 235], [50, 50, 56], [120, 140, 120]] as Rgb[]);
      out += `<rect x="${n(x)}" y="${y}" width="92" height="30" rx="8" fill="${hex(c)}"/>`;
      out += `<rect x="${n(x + 18)}" y="${y - 16}" width="54" height="20" rx="7" fill="${hex(shade(c, -0.15))}"/>`;
      out += rect(x + 24, y - 12, 42, 12, hex(shade(s.sky, -0.4)));
      out += circle(x + 20, y + 30, 9, '#1c1c1c') + circle(x + 72, y + 30, 9, '#1c1c1c');
    }
  }
  return out;
};

/**
 * A rowing race on open water: lanes marked by lines of buoys, quads of
 * rowers in their shells with oars out, a shoreline and hills behind.
 */
const rowing: Draw = (s) => {
  const horizon = 430;
  let out = skyBackdrop(s, horizon);
  out += clouds(s, 5, 60, 260, WHITE, 0.7);
  out += poly(ridge(s, horizon - 70, 55, 3, horizon + 2, 30), hex(mix(s.ground, s.sky, 0.55)));
  out += buildings(s, { baseY: horizon + 2, minH: 20, maxH: 70, color: mix(s.ground, s.sky, 0.45) });
  out += rect(0, horizon, s.w, s.h - horizon, vGradient(s, [[0, mix(s.ground, s.sky, 0.3)], [1, shade(s.ground, -0.25)]]));
  for (let i = 0; i < 70; i++) {
    const y = s.rng.range(horizon + 8, s.h);
    const t = (y - horizon) / (s.h - horizon);
    out += rect(s.rng.range(0, s.w), y, s.rng.range(20, 60) * (0.5 + t), 2 + t * 2, hex(shade(s.ground, 0.3)), ` opacity="${n(0.18 + t * 0.3)}"`);
  }
  // Lane buoys, smaller into the distance.
  const lanes = [500, 590, 700, 830];
  for (const y of lanes) {
    const t = (y - horizon) / (s.h - horizon);
    for (let x = -20; x < s.w + 20; x += 40 + t * 40) out += circle(x, y, 3 + t * 6, hex(s.rng.chance(0.2) ? [240, 240, 240] : s.accent));
  }
  // Shells between the buoy lines, racing left to right.
  const shells: Array<[number, number]> = [[545, 560], [645, 720], [765, 640]];
  for (const [y, x] of shells) {
    const t = (y - horizon) / (s.h - horizon);
    const k = 0.55 + t * 0.9;
    const len = 560 * k;
    const hull = s.rng.pick([mix(WHITE, s.sky, 0.1), [200, 60, 50], [240, 200, 60]] as Rgb[]);
    out += `<path d="M${n(x - len / 2)} ${n(y)} Q${n(x)} ${n(y + 16 * k)} ${n(x + len / 2)} ${n(y)} Q${n(x)} ${n(y - 6 * k)} ${n(x - len / 2)} ${n(y)} Z" fill="${hex(hull)}"/>`;
    const kit = s.rng.pick([s.accent, shade(s.ground, -0.4), [40, 70, 140]] as Rgb[]);
    for (let r = 0; r < 4; r++) {
      const rx = x - len * 0.3 + r * len * 0.19;
      // Oars to both sides, blades in the water.
      out += `<line x1="${n(rx)}" y1="${n(y - 18 * k)}" x2="${n(rx - 70 * k)}" y2="${n(y + 34 * k)}" stroke="#2a2a2a" stroke-width="${n(3 * k)}"/>`;
      out += `<line x1="${n(rx)}" y1="${n(y - 18 * k)}" x2="${n(rx - 60 * k)}" y2="${n(y - 40 * k)}" stroke="#2a2a2a" stroke-width="${n(3 * k)}"/>`;
      out += `<ellipse cx="${n(rx - 72 * k)}" cy="${n(y + 36 * k)}" rx="${n(10 * k)}" ry="${n(4 * k)}" fill="${hex(kit)}"/>`;
      out += `<rect x="${n(rx - 8 * k)}" y="${n(y - 44 * k)}" width="${n(16 * k)}" height="${n(34 * k)}" rx="${n(6 * k)}" fill="${hex(kit)}" transform="rotate(-18 ${n(rx)} ${n(y - 20 * k)})"/>`;
      out += circle(rx - 6 * k, y - 52 * k, 8 * k, hex(s.rng.pick(SKIN)));
    }
    // Wake behind the stern.
    out += `<path d="M${n(x - len / 2)} ${n(y + 2)} l${n(-160 * k)} ${n(-8 * k)} M${n(x - len / 2)} ${n(y + 4)} l${n(-160 * k)} ${n(12 * k)}" stroke="#ffffff" stroke-width="${n(2 * k)}" opacity="0.6"/>`;
  }
  return out;
};

/**
 * A small-town building seen from across the street, with the name its
 * picture gives (`sign`) over the door, big windows, and people lined up on
 * the sidewalk waiting for the doors to open.
 */
const storefront: Draw = (s, _initials, sign = '') => {
  const sidewalk = 700;
  let out = skyBackdrop(s, 300);
  out += clouds(s, 3, 50, 160, WHITE, 0.75);
  // Neighbouring buildings.
  out += rect(-10, 180, 300, sidewalk - 180, hex(mix(s.sky, s.ground, 0.5)));
  out += rect(1310, 150, 300, sidewalk - 150, hex(mix(s.ground, WHITE, 0.45)));
  for (const [x0, top] of [[20, 220], [1340, 190]] as Array<[number, number]>) {
    for (let r = 0; r < 3; r++) for (let k = 0; k < 3; k++) out += rect(x0 + k * 90, top + r * 130, 56, 80, hex(shade(s.sky, -0.35)));
  }
  // The building itself: brick-coloured walls, a cornice, the sign band.
  const wall = s.ground;
  out += rect(290, 120, 1020, sidewalk - 120, hex(wall));
  for (let y = 130; y < sidewalk; y += 22) out += `<line x1="290" y1="${y}" x2="1310" y2="${y}" stroke="${hex(shade(wall, -0.12))}" stroke-width="2"/>`;
  out += rect(275, 100, 1050, 30, hex(shade(wall, -0.35)));
  for (let k = 0; k < 5; k++) out += rect(350 + k * 190, 160, 110, 120, hex(shade(s.sky, -0.3))) + rect(346 + k * 190, 280, 118, 10, hex(shade(wall, 0.25)));
  out += rect(320, 320, 960, 96, hex(shade(s.accent, -0.35)));
  out += rect(330, 330, 940, 76, hex(s.accent));
  const size = Math.min(58, Math.floor(1700 / Math.max(8, sign.length)));
  out += `<text x="800" y="${368 + size * 0.36}" font-family="${FONT}" font-weight="700" font-size="${size}" fill="#fdfbf4" text-anchor="middle" letter-spacing="2">${escapeHtml(sign)}</text>`;
  // Windows with warm light and books or goods on shelves, and the door.
  const glass = mix(s.sky, [255, 226, 160], 0.5);
  for (const x0 of [330, 960]) {
    out += rect(x0, 450, 310, 220, hex(shade(wall, -0.4)));
    out += rect(x0 + 12, 462, 286, 196, hex(glass));
    for (let r = 0; r < 3; r++) {
      out += rect(x0 + 12, 520 + r * 48, 286, 6, hex(shade(wall, -0.3)));
      for (let bx = x0 + 20; bx < x0 + 290; bx += s.rng.range(10, 18)) {
        const bh = s.rng.range(24, 40);
        out += rect(bx, 520 + r * 48 - bh, s.rng.range(7, 12), bh, hex(s.rng.pick([s.accent, shade(wall, -0.2), [60, 90, 140], [90, 130, 80], [200, 170, 90]] as Rgb[])));
      }
    }
  }
  out += rect(700, 440, 200, 260, hex(shade(wall, -0.45)));
  out += rect(715, 455, 78, 245, hex(glass));
  out += rect(807, 455, 78, 245, hex(glass));
  out += circle(790, 590, 6, hex([200, 170, 90])) + circle(810, 590, 6, hex([200, 170, 90]));
  // Sidewalk and street.
  out += rect(-10, sidewalk, s.w + 20, 80, hex(mix([190, 188, 180], s.sky, 0.15)));
  for (let x = -10; x < s.w; x += 120) out += `<line x1="${x}" y1="${sidewalk}" x2="${x - 30}" y2="${sidewalk + 80}" stroke="${hex([160, 158, 150])}" stroke-width="2"/>`;
  out += rect(-10, sidewalk + 80, s.w + 20, s.h - sidewalk, hex([70, 72, 78]));
  out += rect(-10, sidewalk + 80, s.w + 20, 8, hex([150, 150, 146]));
  // People waiting in line along the wall.
  const coats: Rgb[] = [s.accent, shade(s.ground, -0.3), [60, 90, 130], [90, 120, 80], [200, 170, 120], [120, 70, 110]];
  for (let i = 0; i < 9; i++) {
    // Five from the door towards the left, four more to its right.
    const px = i <= 4 ? 650 - i * 70 : 950 + (i - 4) * 70;
    out += person(px, sidewalk + 70, 0.95 + s.rng.range(-0.05, 0.08), s.rng.pick(coats), s.rng.pick(SKIN), { bag: s.rng.chance(0.4) ? [190, 150, 90] : undefined });
  }
  return out;
};

const DRAW: Record<DemoPicture['scene'], Draw> = {
  skyline,
  harbor,
  mountains,
  stadium,
  forest,
  chamber,
  portrait,
  logo,
  field,
  market,
  bridge,
  rain,
  baseball,
  volleyball,
  ferry,
  rowing,
  storefront,
};
