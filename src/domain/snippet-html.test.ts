import { describe, expect, it } from 'vitest';
import { MATCH_END as E, MATCH_START as S, snippetHtml } from './snippet-html.js';

describe('snippetHtml', () => {
  it('marks matches and escapes everything else', () => {
    expect(snippetHtml(`use ${S}<script>${E} & "quotes"`)).toBe('use <mark>&lt;script&gt;</mark> &amp; &quot;quotes&quot;');
  });

  it('drops unpaired marks and closes an open one', () => {
    expect(snippetHtml(`a ${E}b ${S}c ${S}d`)).toBe('a b <mark>c d</mark>');
  });
});
