import { describe, expect, it } from 'vitest';
import { holderInNotice, pictureRightsNote, storyRightsLine } from './copyright-notice.js';

describe('storyRightsLine', () => {
  it('prints the notice as the agency gave it', () => {
    expect(storyRightsLine('Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten', 'dpa')).toBe('Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten');
  });
  it('says what a bare name is, and falls back to the holder', () => {
    expect(storyRightsLine('Pacific Wire Service', null)).toBe('© Pacific Wire Service');
    expect(storyRightsLine('  ', 'NTB')).toBe('© NTB');
    expect(storyRightsLine(null, null)).toBeNull();
  });
});

describe('holderInNotice', () => {
  it('finds the name behind years, URLs and reserved-rights phrases', () => {
    expect(holderInNotice('Copyright 2010 Getty Images. -- http://www.gettyimages.com/Corporate/LicenseInfo.aspx')).toBe('Getty Images');
    expect(holderInNotice('Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten')).toBe('dpa');
    expect(holderInNotice('© 2017-18 Acme News and Media LLC. All rights reserved.')).toBe('Acme News and Media LLC');
  });
});

describe('pictureRightsNote', () => {
  it('adds only the year when the credit line already names the holder', () => {
    expect(pictureRightsNote('Copyright 2010 Getty Images. -- http://www.gettyimages.com/', ['Getty Images', 'Spencer Platt'])).toBe('© 2010');
    expect(pictureRightsNote('© Reuters', ['reuters'])).toBe('');
  });
  it('shows a notice for someone else whole', () => {
    expect(pictureRightsNote('Copyright 2008 Thomson Reuters', ['Acme', 'John Smith'])).toBe('Copyright 2008 Thomson Reuters');
  });
  it('adds nothing without a notice', () => {
    expect(pictureRightsNote('', ['Getty Images'])).toBe('');
    expect(pictureRightsNote(undefined, [])).toBe('');
  });
});
