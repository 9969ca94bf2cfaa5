import { describe, expect, it } from 'vitest';
import { makeZip } from '../../test/wire/make-zip.js';
import { readZip } from './read-zip.js';

describe('readZip', () => {
  it('reads stored and deflated entries and skips folders', async () => {
    const zip = makeZip([
      { name: 'in/', data: '' },
      { name: 'in/a.json', data: '{"a":1}' },
      { name: 'in/b.xml', data: '<x/>'.repeat(100), deflate: true },
    ]);
    const entries = await readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['in/a.json', 'in/b.xml']);
    expect(new TextDecoder().decode(entries[1]?.bytes)).toBe('<x/>'.repeat(100));
  });
  it('says why a file is not a readable zip', async () => {
    await expect(readZip(new TextEncoder().encode('not a zip at all, just text'))).rejects.toThrow(/not a zip archive/);
    const zip = makeZip([{ name: 'a.json', data: '{"a":1}' }]);
    await expect(readZip(zip.subarray(0, 20))).rejects.toThrow(/not a zip archive/);
  });
});
