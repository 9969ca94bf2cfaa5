import { describe, expect, it } from 'vitest';
import { EXCERPT_MARK, excerpt, shortCaption, textOfHtml } from './excerpt.js';

const TEXT = 'The council met late into the night to debate the budget, and members argued over every line.';

describe('excerpt', () => {
  it('matches the documented example', () => {
    expect(excerpt('The council met late into the night', 20)).toBe('The council met […]');
  });

  it('ends a cut text with " […]" exactly', () => {
    const out = excerpt(TEXT, 40);
    expect(EXCERPT_MARK).toBe('[…]');
    expect(out.endsWith(' […]')).toBe(true);
    expect(out.endsWith('  […]')).toBe(false);
  });

  it('never exceeds maxChars, mark included', () => {
    for (let max = 10; max < TEXT.length; max++) {
      expect(excerpt(TEXT, max).length).toBeLessThanOrEqual(max);
    }
  });

  it('never cuts mid-word', () => {
    const words = new Set(TEXT.split(' ').map((w) => w.replace(/[,.]$/, '')));
    for (let max = 10; max < TEXT.length; max++) {
      const body = excerpt(TEXT, max).slice(0, -' […]'.length);
      expect(TEXT.startsWith(body)).toBe(true);
      for (const word of body.split(' ')) expect(words.has(word.replace(/[,.]$/, ''))).toBe(true);
    }
  });

  it('leaves no punctuation before the mark', () => {
    // Cutting right after "budget," must not show "budget, […]".
    const out = excerpt(TEXT, 'The council met late into the night to debate the budget, and'.length);
    expect(out).toBe('The council met late into the night to debate the budget […]');
    expect(excerpt('First sentence. Second sentence goes on', 22)).toBe('First sentence […]');
    expect(excerpt('Stop — then more words here', 12)).toBe('Stop […]');
    for (let max = 10; max < TEXT.length; max++) {
      expect(excerpt(TEXT, max)).not.toMatch(/[\s,;:.\-–—] \[…\]$/u);
    }
  });

  it('returns short text unchanged and unmarked', () => {
    expect(excerpt('Short news.', 160)).toBe('Short news.');
    expect(excerpt('Exactly twenty chars', 20)).toBe('Exactly twenty chars');
  });

  it('collapses whitespace', () => {
    expect(excerpt('  Line one\n\n  line   two  ')).toBe('Line one line two');
  });
});

describe('shortCaption', () => {
  it('cuts at a word boundary and ends with an ellipsis', () => {
    const out = shortCaption('Firefighters battle a blaze near the harbor on Tuesday evening.', 30);
    expect(out).toBe('Firefighters battle a blaze…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(shortCaption('Residents, neighbors and officials gathered', 12)).toBe('Residents…');
  });

  it('returns a short caption unchanged', () => {
    expect(shortCaption('A quiet street.', 100)).toBe('A quiet street.');
  });
});

describe('textOfHtml', () => {
  it('strips tags and separates block elements', () => {
    expect(textOfHtml('<p>First <strong>bold</strong> para.</p><p>Second<br>line</p>')).toBe(
      'First bold para. Second line',
    );
    expect(textOfHtml('<h2>Head</h2><ul><li>One</li><li>Two</li></ul>')).toBe('Head One Two');
    // An agency's table: "Ada Lindqvist Seawall Striders", never "Ada LindqvistSeawall Striders" in search and entities.
    expect(textOfHtml('<table><caption>Top</caption><tr><th>Runner</th><th>Club</th></tr><tr><td>Ada Lindqvist</td><td>Seawall Striders</td></tr></table>')).toBe(
      'Top Runner Club Ada Lindqvist Seawall Striders',
    );
  });

  it('decodes entities', () => {
    expect(textOfHtml('Fish &amp; chips &lt;3 &quot;yum&quot; it&#39;s&nbsp;here &apos;ok&#x27; &gt;')).toBe(
      `Fish & chips <3 "yum" it's here 'ok' >`,
    );
  });

  it('decodes &amp; last so escaped entities stay literal', () => {
    expect(textOfHtml('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });
});
