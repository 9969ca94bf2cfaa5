import { describe, expect, it } from 'vitest';
import { accentProblem, contrastRatio, DEFAULT_ACCENT, resolveSettings, settingsProblems, storyLanguage, timeZoneProblem } from './site-settings.js';

describe('the accent colour', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('takes the theme red and dark colours, refuses light ones and non-colours', () => {
    expect(accentProblem(DEFAULT_ACCENT)).toBeNull();
    expect(accentProblem('#1d5c2e')).toBeNull();
    expect(accentProblem('#757575')).toMatch(/too light/); // 4.6:1 on white, but under 4.5:1 on the grey panels
    expect(accentProblem('#ffcc00')).toMatch(/contrast 1\.\d:1/);
    expect(accentProblem('red')).toMatch(/not a colour/);
    expect(accentProblem('#12345')).toMatch(/not a colour/);
  });
});

describe('settings checks', () => {
  it('names every problem by field', () => {
    expect(
      Object.keys(
        settingsProblems({
          name: '',
          footerLinks: [{ label: 'x', url: 'data:text/html,<script>' }],
          social: [
            { network: 'x', url: 'https://x.example/a' },
            { network: 'x', url: 'https://x.example/b' },
          ],
        }),
      ),
    ).toEqual(['name', 'footerLinks.0.url', 'social.1.network']);
  });

  it('knows time zones', () => {
    expect(timeZoneProblem('Europe/Berlin')).toBeNull();
    expect(timeZoneProblem('UTC')).toBeNull();
    expect(timeZoneProblem('Mars/Olympus_Mons')).toMatch(/not a time zone/);
  });
});

describe('a story’s language from a wire file', () => {
  it.each([
    ['de', 'de'],
    ['en-US', 'en-US'],
    ['pt_BR', 'pt-BR'],
    ['EN-us', 'en-US'],
    ['german', null],
    ['', null],
    [null, null],
    ['de"><script>', null],
  ])('%j becomes %j', (raw, tag) => {
    expect(storyLanguage(raw)).toBe(tag);
  });
});

describe('which value is in force', () => {
  const defaults = { name: 'Env Name', description: 'd', language: 'en-US', timeZone: 'UTC', accentColor: DEFAULT_ACCENT, footerLinks: [], social: [] };
  it('an environment variable wins over what the newsroom saved, which wins over the defaults', () => {
    const resolved = resolveSettings(defaults, ['name'], { name: 'Saved Name', description: 'Saved description' });
    expect(resolved).toMatchObject({ name: 'Env Name', description: 'Saved description', language: 'en-US', pinned: ['name'] });
  });
});
