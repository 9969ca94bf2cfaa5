import { describe, expect, it } from 'vitest';
import { creditsOf, displayName } from './story-credits.js';

const item = (byline: string | null, copyrightHolder: string | null = null, provider: string | null = null) => ({ byline, copyrightHolder, provider });

describe('who a wire story is credited to', () => {
  it('turns a shouted agency byline into the organization as the reference page shows it', () => {
    expect(creditsOf(item('By ASSOCIATED PRESS'), 'Wire')).toEqual([{ name: 'Associated Press', kind: 'organization', affiliation: null }]);
  });

  it('credits the person the agency names, with the agency as who they write for', () => {
    expect(creditsOf(item('Rosa Delacorte, Pacific Wire Service'), 'Pacific Wire Service')).toEqual([
      { name: 'Rosa Delacorte', kind: 'person', affiliation: 'Pacific Wire Service' },
    ]);
    expect(creditsOf(item('Von Christian Hollmann, dpa'), 'Wire')).toEqual([{ name: 'Christian Hollmann', kind: 'person', affiliation: 'dpa' }]);
  });

  it('credits two writers joined by "and"', () => {
    expect(creditsOf(item("Paulo Santalucia and Frances d'Emilio"), 'Wire').map((c) => c.name)).toEqual(['Paulo Santalucia', "Frances d'Emilio"]);
  });

  it('keeps an agency acronym as it is and calls it an organization', () => {
    expect(creditsOf(item('NTB'), 'Wire')).toEqual([{ name: 'NTB', kind: 'organization', affiliation: null }]);
  });

  it('falls back to the copyright holder, then the provider, then the rules’ agency', () => {
    expect(creditsOf(item(null, '© 2031 Pacific Wire Service'), 'Wire')[0]?.name).toBe('Pacific Wire Service');
    expect(creditsOf(item(null, null, 'REUTERS'), 'Wire')[0]).toEqual({ name: 'Reuters', kind: 'organization', affiliation: null });
    expect(creditsOf(item('  '), 'Pacific Wire Service')[0]?.name).toBe('Pacific Wire Service');
  });

  it('leaves names already in mixed case alone', () => {
    expect(displayName('Frances d’Emilio')).toBe('Frances d’Emilio');
    expect(displayName('JOHN MCCARTHY')).toBe('John McCarthy');
  });
});

describe('a byline with markup in it', () => {
  it('keeps the words and drops the markup and script code', () => {
    const credits = creditsOf(item(`Reporter Ana Lind <script>alert(1)</script><img src=x onerror=alert(2)>"'><svg onload=alert(3)>`), 'Wire');
    expect(credits.map((c) => c.name).join(' ')).not.toMatch(/[<>]|alert/);
    expect(credits[0]?.name).toContain('Ana Lind');
  });
});
