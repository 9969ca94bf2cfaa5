import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/dateline-settings-test', ...env }, '/tmp');

describe('security settings are checked at start', () => {
  it('trusts no proxy by default and refuses TRUST_PROXY=true, which would let anyone pick their address', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(load({ TRUST_PROXY: '10.0.0.2, 10.0.1.0/24,loopback' }).trustProxy).toEqual(['10.0.0.2', '10.0.1.0/24', 'loopback']);
    expect(() => load({ TRUST_PROXY: 'true' })).toThrow(/would believe any X-Forwarded-For/);
    expect(() => load({ TRUST_PROXY: 'proxy.example' })).toThrow(/not an address, a CIDR range/);
  });

  it('reads OUTBOUND_ALLOW as names and ranges, and names a bad entry', () => {
    const allow = load({ OUTBOUND_ALLOW: 'wire-mirror.internal,10.20.0.0/16' }).outboundAllow;
    expect([...allow.hosts]).toEqual(['wire-mirror.internal']);
    expect(allow.ranges).toHaveLength(1);
    expect(() => load({ OUTBOUND_ALLOW: '10.0.0.0/99' })).toThrow(/OUTBOUND_ALLOW: "10.0.0.0\/99" is not a CIDR range/);
  });

  it('has limits by default and refuses nonsense', () => {
    const config = load({});
    expect(config.zipLimits).toEqual({ maxEntries: 10_000, maxUnpackedBytes: 64 * 1024 * 1024, maxRatio: 100 });
    expect(config.rateLimits).toEqual({ search: 60, apiPerKey: 600, apiPerAddress: 1200, push: 120, signIn: 30 });
    expect(config.wirePushMaxItems).toBe(500);
    expect(config.sessionMaxAgeMs).toBe(12 * 3600_000);
    expect(load({ RATE_LIMIT_SEARCH: '0' }).rateLimits.search).toBe(0);
    expect(() => load({ WIRE_ZIP_MAX_RATIO: '1' })).toThrow(/WIRE_ZIP_MAX_RATIO/);
    expect(() => load({ SESSION_MAX_HOURS: '0' })).toThrow(/SESSION_MAX_HOURS/);
    expect(() => load({ RATE_LIMIT_API_KEY: 'lots' })).toThrow(/RATE_LIMIT_API_KEY/);
  });
});
