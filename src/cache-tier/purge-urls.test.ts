import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { parsePurgeUrls } from './purge-urls.js';

describe('CACHE_PURGE_URLS', () => {
  it('takes base URLs separated by commas, once each', () => {
    expect(parsePurgeUrls(' http://127.0.0.1:6081 , https://cache.internal/, http://127.0.0.1:6081/x')).toEqual([
      'http://127.0.0.1:6081/',
      'https://cache.internal/',
    ]);
    expect(parsePurgeUrls(undefined)).toEqual([]);
    expect(parsePurgeUrls(' ')).toEqual([]);
  });

  it('stops the server at start with what to fix', () => {
    for (const raw of ['127.0.0.1:6081', 'ftp://cache', 'http://user:pw@cache:6081']) {
      expect(() => loadConfig({ CACHE_PURGE_URLS: raw }), raw).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('CACHE_PURGE_URLS') }));
    }
    expect(loadConfig({ CACHE_PURGE_URLS: 'http://10.0.0.2:6081' }).cachePurgeUrls).toEqual(['http://10.0.0.2:6081/']);
  });
});
