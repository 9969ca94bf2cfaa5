import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-name.js';

describe('cleanFileName', () => {
  it('keeps the name without folders or control characters', () => {
    expect(cleanFileName('C:\\Users\\ana\\harbor.jpg')).toBe('harbor.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('bad\u0000name\n.png')).toBe('badname.png');
    expect(cleanFileName('')).toBe('picture');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(200);
  });
});
