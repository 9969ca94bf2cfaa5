import { describe, expect, it } from 'vitest';
import { sanitizeBody } from './sanitize-body.js';

describe('sanitizeBody', () => {
  it('keeps the allowed structure and marks links noopener nofollow', () => {
    expect(sanitizeBody('<h1>Top</h1><p>A <strong>b</strong> <a href="https://x.example/" target="_blank" class="c">c</a></p><ul><li>d</li></ul>')).toBe(
      '<h2>Top</h2><p>A <strong>b</strong> <a href="https://x.example/" rel="noopener nofollow">c</a></p><ul><li>d</li></ul>',
    );
  });
  it('drops scripts, handlers, styles, iframes and javascript: links', () => {
    const out = sanitizeBody('<p style="color:red" onclick="x()">Hi<script>evil()</script></p><iframe src="https://e.example"></iframe><a href=" JavaScript:alert(1)">x</a><style>p{}</style>');
    expect(out).toBe('<p>Hi</p><a>x</a>');
  });
  it('keeps mailto links and table basics', () => {
    expect(sanitizeBody('<a href="mailto:desk@pws.example">mail</a><table><tr><td colspan="2" style="x">1</td></tr></table>')).toBe(
      '<a href="mailto:desk@pws.example" rel="noopener nofollow">mail</a><table><tr><td colspan="2">1</td></tr></table>',
    );
  });
});
