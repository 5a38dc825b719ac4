import 'server-only';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { addressKind, namesPrivateAddress } from './private-address';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** A target the console may call: the URL, and the addresses it will connect to (so DNS cannot change between check and call). */
export interface VettedTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** `host[:port]` as URL.host writes it (lowercase, default port dropped), for exact comparison. */
export function normalizeHost(entry: string): string | null {
  const text = entry.trim();
  if (!text || /[/@?#\s\\]/.test(text.replace(/^https:\/\//i, '').replace(/\/+$/, ''))) return null;
  try {
    const url = new URL(/^https:\/\//i.test(text) ? text : `https://${text}`);
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return null;
    return url.host;
  } catch {
    return null;
  }
}

/** The hosts the console may call: the APIM service's gateway host from the index, plus any configured extra gateway hosts. */
export function allowedGatewayHosts(serviceGatewayUrl: string | null | undefined, extraHosts: readonly string[]): string[] {
  const hosts = [serviceGatewayUrl ?? '', ...extraHosts].map(normalizeHost).filter((h): h is string => h !== null);
  return [...new Set(hosts)];
}

function refuse(message: string): never {
  throw new UserFacingError(`The console did not send this request: ${message}`, 'console_refused', 400);
}

/** Checks a URL's shape against the allow-list; nothing is resolved yet. */
export function checkGatewayUrl(raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse(`"${raw}" is not a URL.`);
  }
  if (url.protocol !== 'https:') refuse(`it would use ${url.protocol.replace(/:$/, '')}; the console calls the gateway over https only.`);
  if (url.username || url.password) refuse('the URL carries a user name or password (user@host); the console calls only the gateway host.');
  if (allowedHosts.length === 0) refuse('no gateway host is known yet. Ask an admin to sync the catalog.');
  if (!allowedHosts.includes(url.host)) {
    const literal = isIP(url.hostname.replace(/^\[|\]$/g, ''))
      ? ' It is an IP address; the console calls the gateway only by its configured name.'
      : '';
    refuse(`${url.host} is not a configured gateway host (${allowedHosts.join(', ')}).${literal}`);
  }
  return url;
}

export interface VetOptions {
  /**
   * Gateway hosts an admin allowed to resolve into private networks (APIM in a virtual network): their RFC 1918 / unique-local
   * addresses are reached; loopback, link-local and the other special ranges never are.
   */
  privateNetworkHosts?: readonly string[];
}

/**
 * Resolves the host and refuses private, loopback and link-local addresses, except for a configured host that itself names a
 * private place (a localhost name or a private IP literal), and private-network addresses of a host an admin opted in. A public
 * name that resolves privately is refused otherwise, whatever it is.
 */
export async function vetGatewayTarget(
  raw: string,
  allowedHosts: readonly string[],
  resolve: Resolver = systemResolver,
  options: VetOptions = {},
): Promise<VettedTarget> {
  const url = checkGatewayUrl(raw, allowedHosts);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch (cause) {
      refuse(`the gateway host ${hostname} could not be resolved (${cause instanceof Error ? cause.message : String(cause)}).`);
    }
  }
  if (addresses.length === 0) refuse(`the gateway host ${hostname} has no address.`);
  if (namesPrivateAddress(hostname)) return { url, addresses };
  const optedIn = (options.privateNetworkHosts ?? []).map(normalizeHost).includes(url.host);
  const blocked = addresses.filter((a) => {
    const kind = addressKind(a.address);
    return kind === 'special' || (kind === 'private-network' && !optedIn);
  });
  if (blocked.length > 0) {
    const list = blocked.map((a) => a.address).join(', ');
    refuse(
      optedIn
        ? `${hostname} resolves to a loopback, link-local or reserved address (${list}); a private gateway host may resolve only to private-network addresses (10/8, 172.16/12, 192.168/16, fc00::/7).`
        : `${hostname} resolves to a private, loopback or link-local address (${list}); the console reaches such addresses only for a host configured as one, or a private gateway host an admin allowed (CONSOLE_PRIVATE_GATEWAY_HOSTS).`,
    );
  }
  return { url, addresses };
}
