import { describe, expect, it } from 'vitest';
import { type Media, type Rendition, renditionNear, srcsetOf } from './media.js';

function rendition(format: Rendition['format'], width: number): Rendition {
  const ext = format === 'jpeg' ? 'jpg' : format;
  return { format, width, height: Math.round((width * 2) / 3), url: `/media/12/${width}.${ext}` };
}

const media: Media = {
  id: 12,
  width: 1280,
  height: 853,
  caption: 'A ferry leaves the harbor.',
  credit: 'PWS',
  source: 'Jo Park/PWS',
  alt: 'Ferry at dusk',
  renditions: [
    rendition('jpeg', 960),
    rendition('webp', 640),
    rendition('jpeg', 320),
    rendition('avif', 320),
    rendition('jpeg', 1280),
    rendition('webp', 320),
    rendition('jpeg', 640),
  ],
};

describe('srcsetOf', () => {
  it('lists one format sorted by width', () => {
    expect(srcsetOf(media, 'jpeg')).toBe(
      '/media/12/320.jpg 320w, /media/12/640.jpg 640w, /media/12/960.jpg 960w, /media/12/1280.jpg 1280w',
    );
    expect(srcsetOf(media, 'webp')).toBe('/media/12/320.webp 320w, /media/12/640.webp 640w');
    expect(srcsetOf(media, 'avif')).toBe('/media/12/320.avif 320w');
  });

  it('is empty when the format is missing', () => {
    expect(srcsetOf({ ...media, renditions: [rendition('jpeg', 320)] }, 'avif')).toBe('');
  });

  it('does not reorder the stored renditions', () => {
    const before = media.renditions.map((r) => r.url);
    srcsetOf(media, 'jpeg');
    expect(media.renditions.map((r) => r.url)).toEqual(before);
  });
});

describe('renditionNear', () => {
  it('picks the smallest rendition at least as wide', () => {
    expect(renditionNear(media, 600)?.width).toBe(640);
    expect(renditionNear(media, 640)?.width).toBe(640);
    expect(renditionNear(media, 1)?.width).toBe(320);
    expect(renditionNear(media, 961)?.width).toBe(1280);
  });

  it('falls back to the largest when none is wide enough', () => {
    expect(renditionNear(media, 2000)?.width).toBe(1280);
    expect(renditionNear(media, 2000, 'webp')?.width).toBe(640);
  });

  it('defaults to JPEG and honours the format', () => {
    expect(renditionNear(media, 600)?.format).toBe('jpeg');
    expect(renditionNear(media, 600, 'webp')?.url).toBe('/media/12/640.webp');
  });

  it('is undefined when the format is missing', () => {
    expect(renditionNear({ ...media, renditions: [] }, 600)).toBeUndefined();
  });
});
