import { describe, expect, it } from 'vitest';
import { tablesInScrollBoxes } from './table-scroll.js';

describe('tablesInScrollBoxes', () => {
  it('boxes a table, labelled by its caption', () => {
    const html = '<p>Results:</p><table><caption>Votes &amp; seats</caption><tbody><tr><td>1</td></tr></tbody></table><p>After.</p>';
    expect(tablesInScrollBoxes(html)).toBe(
      '<p>Results:</p><div class="table-scroll" role="region" tabindex="0" aria-label="Votes &amp; seats"><table><caption>Votes &amp; seats</caption><tbody><tr><td>1</td></tr></tbody></table></div><p>After.</p>',
    );
  });
  it('keeps boxes balanced around nested tables', () => {
    const out = tablesInScrollBoxes('<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>');
    expect(out.match(/<div /g)?.length).toBe(2);
    expect(out.match(/<\/div>/g)?.length).toBe(2);
    expect(out).toMatch(/^<div [^>]+aria-label="Table"><table><tr><td><div [^>]+><table>.*<\/table><\/div><\/td><\/tr><\/table><\/div>$/);
  });
  it('leaves a body without tables alone', () => {
    expect(tablesInScrollBoxes('<p>Tablet sales</p>')).toBe('<p>Tablet sales</p>');
  });
});
