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
});
