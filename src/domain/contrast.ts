/** WCAG contrast (imports nothing: the newsroom app's Settings screen shows the same ratio the server checks). */

/** Relative luminance of an sRGB colour (WCAG 2.x). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The light backgrounds accent-coloured text sits on: the page and the grey panels. */
export const ACCENT_BACKGROUNDS = ['#ffffff', '#f3f5f6'] as const;
/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;
