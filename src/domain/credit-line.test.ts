import { describe, expect, it } from 'vitest';
import { creditLine, cropAround, objectPosition } from './media.js';

describe('creditLine', () => {
  it('names each person or agency once', () => {
    expect(creditLine({ credit: 'Jane Doe', source: 'Jane Doe' })).toEqual({ credit: 'Jane Doe', source: '' });
    expect(creditLine({ credit: 'Jane Doe', source: 'Jane Doe / Reuters' })).toEqual({ credit: 'Jane Doe', source: 'Reuters' });
    expect(creditLine({ credit: 'jane doe', source: 'Photo: Jane Doe for Coast Wire' })).toEqual({ credit: 'jane doe', source: 'Coast Wire' });
    expect(creditLine({ credit: 'Credit: AP', source: 'AP; AP' })).toEqual({ credit: 'AP', source: '' });
  });

  it('makes the first source the credit when there is none', () => {
    expect(creditLine({ credit: '', source: 'Mara Lindqvist / Harbour Photo Agency' })).toEqual({ credit: 'Mara Lindqvist', source: 'Harbour Photo Agency' });
    expect(creditLine({ credit: '', source: '' })).toEqual({ credit: '', source: '' });
  });
});

describe('cropAround', () => {
  it('keeps the focal point in the crop, moved inwards at the edges', () => {
    expect(cropAround({ width: 1600, height: 1000 }, { x: 0.5, y: 0.5 }, 1200 / 630)).toEqual({ left: 0, top: 80, width: 1600, height: 840 });
    expect(cropAround({ width: 1000, height: 1000 }, { x: 0.9, y: 0.5 }, 3 / 2)).toEqual({ left: 0, top: 167, width: 1000, height: 667 });
    expect(cropAround({ width: 1000, height: 1000 }, { x: 0.5, y: 0.95 }, 3 / 2)).toEqual({ left: 0, top: 333, width: 1000, height: 667 });
    expect(cropAround({ width: 3000, height: 1000 }, { x: 0.1, y: 0.5 }, 1)).toEqual({ left: 0, top: 0, width: 1000, height: 1000 });
    expect(cropAround({ width: 3000, height: 1000 }, { x: 0.76, y: 0.5 }, 1)).toEqual({ left: 1780, top: 0, width: 1000, height: 1000 });
  });

  it('says nothing to the browser for the centre', () => {
    expect(objectPosition(undefined)).toBeUndefined();
    expect(objectPosition({ x: 0.5, y: 0.5 })).toBeUndefined();
    expect(objectPosition({ x: 0.755, y: 0.2 })).toBe('75.5% 20%');
  });
});
