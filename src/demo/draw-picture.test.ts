import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DemoPicture } from './demo-story.js';
import { drawPicture, pictureSvg } from './draw-picture.js';

const SCENES: DemoPicture['scene'][] = [
  'skyline',
  'harbor',
  'mountains',
  'stadium',
  'forest',
  'chamber',
  'portrait',
  'logo',
  'field',
  'market',
  'bridge',
  'rain',
  'baseball',
  'volleyball',
  'ferry',
  'rowing',
  'storefront',
];

const palette: DemoPicture['palette'] = ['#9cc7e4', '#3a4a57', '#f2c14e'];

describe('drawPicture', () => {
  it.each(SCENES)('draws a %s as a JPEG of the right size', { timeout: 30_000 }, async (scene) => {
    const square = scene === 'portrait' || scene === 'logo';
    const jpeg = await drawPicture({ key: `test-${scene}`, scene, palette, initials: 'AB', sign: 'PUBLIC LIBRARY' });
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(square ? 600 : 1600);
    expect(meta.height).toBe(square ? 600 : 900);
    // Not a blank frame: the picture has some tonal range.
    const stats = await sharp(jpeg).stats();
    expect(stats.channels[0]?.stdev ?? 0).toBeGreaterThan(8);
  });

  it('honours explicit sizes', async () => {
    const scene = await sharp(await drawPicture({ key: 'k', scene: 'harbor', palette }, 640, 360)).metadata();
    expect([scene.width, scene.height]).toEqual([640, 360]);
    const portrait = await sharp(await drawPicture({ key: 'k', scene: 'portrait', palette, initials: 'MO' }, 300, 300)).metadata();
    expect([portrait.width, portrait.height]).toEqual([300, 300]);
  });

  it('draws the same bytes for the same key', async () => {
    const picture: DemoPicture = { key: 'harbor-port-alder-dusk', scene: 'harbor', palette: ['#f2a46b', '#1d4e63', '#f6d365'] };
    const a = await drawPicture(picture, 800, 450);
    const b = await drawPicture({ ...picture }, 800, 450);
    expect(a.equals(b)).toBe(true);
  });

  it('draws different pictures for different keys', async () => {
    const a = await drawPicture({ key: 'skyline-one', scene: 'skyline', palette }, 800, 450);
    const b = await drawPicture({ key: 'skyline-two', scene: 'skyline', palette }, 800, 450);
    expect(a.equals(b)).toBe(false);
  });

  it('escapes initials and ignores malformed palette colours', () => {
    const svg = pictureSvg(
      { key: 'x', scene: 'logo', palette: ['red" onload="x', '#fff', '#123456'], initials: '<&>' },
      600,
      600,
    );
    expect(svg).not.toContain('<&>');
    expect(svg).toContain('&lt;&amp;&gt;');
    expect(svg).not.toContain('onload');
  });

  it('draws without initials', async () => {
    const jpeg = await drawPicture({ key: 'no-initials', scene: 'portrait', palette });
    expect((await sharp(jpeg).metadata()).width).toBe(600);
  });
});
