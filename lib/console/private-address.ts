import 'server-only';
import { isIP } from 'node:net';

/**
 * Where an address leads:
 * - `public`: public unicast, the only kind the console reaches by default;
 * - `private-network`: RFC 1918 IPv4 or IPv6 unique-local, where a gateway in a virtual network lives (reachable only for a host
 *   an admin opted in);
 * - `special`: loopback, link-local (the instance metadata service), CGNAT, "this network", multicast, reserved, unparseable, or an
 *   IPv6 transition address embedding a non-public IPv4 — never reached through a name.
 */
export type AddressKind = 'public' | 'private-network' | 'special';

const V4_PRIVATE_NETWORKS: [string, number][] = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
];

const V4_SPECIAL: [string, number][] = [
  ['0.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['192.0.0.0', 24],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4Block(value: number, [base, bits]: [string, number]): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(v4ToInt(base) / size);
}

function v4Kind(value: number): AddressKind {
  if (V4_SPECIAL.some((block) => inV4Block(value, block))) return 'special';
  if (V4_PRIVATE_NETWORKS.some((block) => inV4Block(value, block))) return 'private-network';
  return 'public';
}

/** Expands an IPv6 address to eight 16-bit groups (an embedded dotted IPv4 tail counts as two). */
function v6Groups(address: string): number[] | null {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    if (isIP(dotted[1]) !== 4) return null;
    const n = v4ToInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
}

/** An IPv4 address carried inside an IPv6 one is reached through it: a non-public one makes the whole address special. */
function embedded(high: number, low: number): AddressKind {
  return v4Kind(high * 0x10000 + low) === 'public' ? 'public' : 'special';
}

function v6Kind(address: string): AddressKind {
  const g = v6Groups(address);
  if (!g) return 'special';
  const [a = 0, b = 0, c = 0, , , f = 0, s = 0, t = 0] = g;
  const allZeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroTo(7) && (t === 0 || t === 1)) return 'special'; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address itself; the deprecated IPv4-compatible form (::a.b.c.d) is never a gateway.
  if (allZeroTo(5) && f === 0xffff) return v4Kind(s * 0x10000 + t);
  if (allZeroTo(6)) return 'special';
  if ((a & 0xfe00) === 0xfc00) return 'private-network'; // fc00::/7 unique local (RFC 4193)
  if ((a & 0xffc0) === 0xfe80) return 'special'; // fe80::/10 link-local
  if ((a & 0xffc0) === 0xfec0) return 'special'; // fec0::/10 site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return 'special'; // multicast
  if (a === 0x64 && b === 0xff9b) return embedded(s, t); // NAT64 64:ff9b::/96 (RFC 6052)
  if (a === 0x2002) return embedded(b, c); // 6to4 2002:AABB:CCDD::/48 carries the IPv4 AA.BB.CC.DD (RFC 3056)
  // Teredo 2001:0000::/32: the server's IPv4 in groups 2-3, the client's IPv4 in groups 6-7 inverted (RFC 4380 §4).
  if (a === 0x2001 && b === 0) return embedded(c, g[3] ?? 0) === 'public' ? embedded(s ^ 0xffff, t ^ 0xffff) : 'special';
  return 'public';
}

/** The kind of an IPv4 or IPv6 address; anything unparseable counts as special. */
export function addressKind(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, '');
  const kind = isIP(bare);
  if (kind === 4) return v4Kind(v4ToInt(bare));
  if (kind === 6) return v6Kind(bare);
  return 'special';
}

/** True for any address that is not a public unicast address; unparseable input counts as private. */
export function isPrivateAddress(address: string): boolean {
  return addressKind(address) !== 'public';
}

/** A configured host that names a private place by itself: an IP literal in a private range, or a localhost name. */
export function namesPrivateAddress(hostname: string): boolean {
  const bare = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (isIP(bare)) return isPrivateAddress(bare);
  return bare === 'localhost' || bare.endsWith('.localhost');
}
