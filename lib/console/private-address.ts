import 'server-only';
import { isIP } from 'node:net';

/** IPv4 ranges a gateway call must never reach unless configured: loopback, private, link-local, CGNAT, "this network", multicast and reserved. */
const V4_BLOCKS: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4Block(address: string, [base, bits]: [string, number]): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(v4ToInt(address) / size) === Math.floor(v4ToInt(base) / size);
}

/** Expands an IPv6 address to eight 16-bit groups (an embedded dotted IPv4 tail counts as two). */
function v6Groups(address: string): number[] | null {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
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

function privateV6(address: string): boolean {
  const g = v6Groups(address);
  if (!g) return true;
  const [a = 0, , , , , f = 0, s = 0, t = 0] = g;
  const allZeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroTo(7) && (t === 0 || t === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
  if (allZeroTo(5) && (f === 0xffff || f === 0)) return isPrivateAddress(`${s >>> 8}.${s & 0xff}.${t >>> 8}.${t & 0xff}`);
  if ((a & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((a & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((a & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x64 && g[1] === 0xff9b) return isPrivateAddress(`${s >>> 8}.${s & 0xff}.${t >>> 8}.${t & 0xff}`); // NAT64
  return false;
}

/** True for any address that is not a public unicast address; unparseable input counts as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const kind = isIP(bare);
  if (kind === 4) return V4_BLOCKS.some((block) => inV4Block(bare, block));
  if (kind === 6) return privateV6(bare);
  return true;
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
