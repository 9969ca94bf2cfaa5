import { describe, expect, it } from 'vitest';
import { compareVersions, versionNumber } from './compare-versions.js';

describe('compareVersions', () => {
  it('orders whole numbers as numbers', () => {
    expect(compareVersions({ version: '9', created: 5 }, { version: '10', created: 1 })).toBeLessThan(0);
    expect(compareVersions({ version: '2', created: null }, { version: '2', created: null })).toBe(0);
  });
  it('falls back to versionCreated, then to string order', () => {
    expect(compareVersions({ version: 'b', created: 1 }, { version: 'a', created: 2 })).toBeLessThan(0);
    expect(compareVersions({ version: 'a', created: null }, { version: 'b', created: 2 })).toBeLessThan(0);
  });
  it('reads the numeric key', () => {
    expect(versionNumber('0')).toBe(0);
    expect(versionNumber('12')).toBe(12);
    expect(versionNumber('1.2')).toBeNull();
  });
});
