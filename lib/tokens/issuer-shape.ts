import 'server-only';

export interface IssuerShape {
  /** 1 for `https://{host}/{tenant}/`, 2 for `https://{host}/{tenant}/v2.0`; null when neither. */
  version: 1 | 2 | null;
  tenantId: string | null;
  /** `https://host[:port]`: which authority (cloud, or the local emulator) issued it. */
  origin: string | null;
}

/**
 * Reads an Entra issuer by its shape rather than its host, so sovereign clouds and the local
 * emulator (`https://localhost:8443/{tid}/v2.0`) are recognised like login.microsoftonline.com.
 */
export function parseIssuer(iss: unknown): IssuerShape {
  if (typeof iss !== 'string') return { version: null, tenantId: null, origin: null };
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return { version: null, tenantId: null, origin: null };
  }
  const v2 = /^\/([^/]+)\/v2\.0\/?$/.exec(url.pathname);
  if (v2?.[1]) return { version: 2, tenantId: v2[1].toLowerCase(), origin: url.origin };
  const v1 = /^\/([^/]+)\/?$/.exec(url.pathname);
  if (v1?.[1]) return { version: 1, tenantId: v1[1].toLowerCase(), origin: url.origin };
  return { version: null, tenantId: null, origin: url.origin };
}

/** The `ver` claim, falling back on the issuer's shape when the claim is absent. */
export function tokenVersion(ver: unknown, iss: unknown): 1 | 2 | null {
  if (ver === '1.0') return 1;
  if (ver === '2.0') return 2;
  return parseIssuer(iss).version;
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
