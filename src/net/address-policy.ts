import ipaddr from 'ipaddr.js';

/**
 * Which addresses outbound requests may reach. Only globally routable
 * unicast is allowed by default: ipaddr.js names every special range
 * (loopback, RFC 1918 private, RFC 4193 unique-local, link-local with the
 * cloud metadata address 169.254.169.254, carrier-grade NAT, multicast,
 * unspecified, reserved, NAT64 and 6to4 forms), and anything it does not
 * call `unicast` is refused. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged
 * as the IPv4 address it carries.
 */
export interface AllowList {
  /** Host names (lower case) that may be reached whatever they resolve to: an on-premises agency mirror. */
  hosts: ReadonlySet<string>;
  /** Address ranges that may be reached: [address, prefix length]. */
  ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export const ALLOW_NOTHING: AllowList = Object.freeze({ hosts: new Set<string>(), ranges: [] });

/** IPv4-compatible IPv6 (::a.b.c.d, deprecated by RFC 4291) is "unicast" to ipaddr.js but reaches the IPv4 address. */
const EXTRA_BLOCKED: ReadonlyArray<[ipaddr.IPv6, number]> = [ipaddr.IPv6.parseCIDR('::/96') as [ipaddr.IPv6, number]];

/**
 * Parses OUTBOUND_ALLOW: host names, addresses and CIDR ranges separated
 * by commas or spaces. Throws an Error naming the entry that is neither.
 * @example parseAllowList('wire-mirror.internal, 10.20.0.0/16, ::1')
 */
export function parseAllowList(raw: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const entry of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    const bare = entry.replace(/^\[|\]$/g, '');
    if (bare.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(bare));
      } catch {
        throw new Error(`"${entry}" is not a CIDR range such as 10.20.0.0/16 or fd00::/8`);
      }
    } else if (ipaddr.isValid(bare)) {
      const address = ipaddr.parse(bare);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    } else {
      throw new Error(`"${entry}" is neither a host name, an address nor a CIDR range`);
    }
  }
  return Object.freeze({ hosts, ranges });
}

/** The address as ipaddr.js sees it, with an IPv4-mapped IPv6 address turned into its IPv4 form. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  const address = ipaddr.parse(bare);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) return (address as ipaddr.IPv6).toIPv4Address();
  return address;
}

/** The range name ipaddr.js gives an address (`loopback`, `private`, `linkLocal`, …), `unicast` for a public one. */
export function rangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (address.kind() === 'ipv6' && EXTRA_BLOCKED.some(([net, bits]) => (address as ipaddr.IPv6).match(net, bits))) return 'ipv4Compatible';
  return address.range();
}

function inRanges(address: ipaddr.IPv4 | ipaddr.IPv6, allow: AllowList): boolean {
  return allow.ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

/**
 * Why `address` (reached for `host`) may not be contacted, or null when it may.
 * @example refusal('169.254.169.254', 'metadata', ALLOW_NOTHING) // 'linkLocal'
 */
export function refusal(addressText: string, host: string, allow: AllowList): string | null {
  if (allow.hosts.has(host.toLowerCase().replace(/\.$/, ''))) return null;
  const address = parseAddress(addressText);
  if (!address) return 'not an IP address';
  if (inRanges(address, allow)) return null;
  const range = rangeOf(address);
  return range === 'unicast' ? null : range;
}
