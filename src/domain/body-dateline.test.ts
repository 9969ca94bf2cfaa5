import { describe, expect, it } from 'vitest';
import { bodyWithDateline } from './body-dateline.js';

describe('bodyWithDateline', () => {
  it('opens the first paragraph with the dateline and an em dash', () => {
    expect(bodyWithDateline('<p>The ferry was late.</p><p>Again.</p>', 'PORT ALDER')).toBe(
      '<p><span class="dateline">PORT ALDER</span> — The ferry was late.</p><p>Again.</p>',
    );
  });

  it('skips a figure or heading before the first paragraph', () => {
    const body = '<figure><img src="/m/1.jpg" alt=""></figure><p class="lead">Talks resumed.</p>';
    expect(bodyWithDateline(body, 'GENEVA (PWS)')).toBe(
      '<figure><img src="/m/1.jpg" alt=""></figure><p class="lead"><span class="dateline">GENEVA (PWS)</span> — Talks resumed.</p>',
    );
  });

  it('does not double a dateline the body already opens with', () => {
    const wire = '<p>PORT ALDER, Wash. (PWS) — The ferry was late.</p>';
    expect(bodyWithDateline(wire, 'PORT ALDER, Wash. (PWS)')).toBe(wire);
    // The editor typed a slightly different dateline than the copy carries: the copy's own stays, alone.
    const staff = '<p>PORT ALDER, Wash. — The ferry was late.</p>';
    expect(bodyWithDateline(staff, 'PORT ALDER')).toBe(staff);
    expect(bodyWithDateline('<p><strong>OLYMPIA</strong> — Lawmakers met.</p>', 'OLYMPIA, Wash.')).toBe('<p><strong>OLYMPIA</strong> — Lawmakers met.</p>');
  });

  it('escapes the dateline', () => {
    expect(bodyWithDateline('<p>Text.</p>', 'A<b>&B')).toBe('<p><span class="dateline">A&lt;b&gt;&amp;B</span> — Text.</p>');
  });

  it('leaves a body alone without a dateline, and an empty body empty', () => {
    expect(bodyWithDateline('<p>Text.</p>', null)).toBe('<p>Text.</p>');
    expect(bodyWithDateline('<p>Text.</p>', '  ')).toBe('<p>Text.</p>');
    expect(bodyWithDateline('', 'GENEVA')).toBe('');
  });

  it('gives a body without paragraphs a dateline line of its own', () => {
    expect(bodyWithDateline('<ul><li>One</li></ul>', 'GENEVA')).toBe('<p><span class="dateline">GENEVA</span> —</p><ul><li>One</li></ul>');
  });
});
