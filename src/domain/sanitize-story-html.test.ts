import { describe, expect, it } from 'vitest';
import { sanitizeStoryHtml } from './sanitize-story-html.js';

describe('sanitizeStoryHtml', () => {
  it('keeps what the editor makes', () => {
    const html =
      '<h2>Heading</h2><p>Text with <strong>bold</strong>, <em>italic</em> and <a href="https://example.com">a link</a>.</p><blockquote><p>Quote</p></blockquote><ul><li>One</li></ul><figure><img src="/media/4/1280.jpeg" alt="Harbor"><figcaption>The harbor</figcaption></figure>';
    expect(sanitizeStoryHtml(html)).toBe(
      '<h2>Heading</h2><p>Text with <strong>bold</strong>, <em>italic</em> and <a href="https://example.com" rel="noopener nofollow">a link</a>.</p><blockquote><p>Quote</p></blockquote><ul><li>One</li></ul><figure><img src="/media/4/1280.jpeg" alt="Harbor" /><figcaption>The harbor</figcaption></figure>',
    );
  });

  it('drops scripts, handlers, styles and dangerous links', () => {
    expect(sanitizeStoryHtml('<p onclick="x()" style="color:red" class="c">Hi<script>evil()</script></p>')).toBe('<p>Hi</p>');
    expect(sanitizeStoryHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeStoryHtml('<iframe src="https://evil.test"></iframe><p>ok</p>')).toBe('<p>ok</p>');
  });

  it('keeps pictures from the media library or https only', () => {
    expect(sanitizeStoryHtml('<img src="http://tracker.test/p.gif"><img src="data:image/png;base64,AAAA"><p>x</p>')).toBe('<p>x</p>');
  });

  it('turns an h1 into a section heading and keeps site links plain', () => {
    expect(sanitizeStoryHtml('<h1>T</h1><p><a href="/news/x">in site</a></p>')).toBe('<h2>T</h2><p><a href="/news/x">in site</a></p>');
  });

  it('keeps a table as the editor sends it, without the editor’s own widths', () => {
    // What TipTap's table extensions write for an agency table (admin/src/editor/story-table.ts).
    const fromEditor =
      '<table style="min-width: 50px"><caption contenteditable="false">Top finishers</caption><colgroup><col style="min-width: 25px"><col style="min-width: 25px"></colgroup>' +
      '<tbody><tr><th colspan="1" rowspan="1"><p>Runner</p></th><th colspan="1" rowspan="1"><p>Time</p></th></tr><tr><td colspan="2" rowspan="1"><p>Ada Lindqvist, 16:41</p></td></tr></tbody></table>';
    expect(sanitizeStoryHtml(fromEditor)).toBe(
      '<table><caption>Top finishers</caption><tbody><tr><th colspan="1" rowspan="1"><p>Runner</p></th><th colspan="1" rowspan="1"><p>Time</p></th></tr><tr><td colspan="2" rowspan="1"><p>Ada Lindqvist, 16:41</p></td></tr></tbody></table>',
    );
  });
});
