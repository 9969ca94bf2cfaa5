/**
 * Reads CACHE_PURGE_URLS: base URLs of the caches (Varnish, or anything that
 * takes xkey purges) separated by commas. Throws a message naming the bad
 * entry; config.ts turns it into CONFIG_INVALID.
 *
 * @example parsePurgeUrls('http://10.0.0.2:6081, http://10.0.0.3:6081') // ['http://10.0.0.2:6081/', 'http://10.0.0.3:6081/']
 */
export function parsePurgeUrls(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const urls = entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`"${entry}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${entry}" is not an http(s) URL`);
    if (url.username || url.password) throw new Error(`"${entry}" carries a user name or password; caches take purges by address (an ACL), not by login`);
    return new URL('/', url).toString();
  });
  return [...new Set(urls)];
}
