/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes a function (Fastify's
 * types take no number): trust the `hops` nearest proxies, as proxy-addr
 * does for a number; `false` trusts no one, so X-Forwarded-For is ignored.
 */
export function trustProxyOption(setting: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
