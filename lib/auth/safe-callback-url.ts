// Resolution happens with the WHATWG URL parser, as the browser will: tabs and newlines are dropped, backslashes
// read as slashes, so `/\t/evil.example` or `/\evil.example` become `//evil.example`, another site. Only a value
// that still lands on the portal's own origin once resolved is kept, and only its path, query and fragment.
const PLACEHOLDER_ORIGIN = 'https://roleport.invalid';

function sameOriginPath(value: string, origin: string): string | null {
  let resolved: URL;
  try {
    resolved = new URL(value, `${origin}/`);
  } catch {
    return null;
  }
  if (resolved.origin !== new URL(origin).origin) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * A post-sign-in destination on the portal itself, or `/`. `origin` is the portal's public origin; without it only
 * relative paths are accepted.
 */
export function safeCallbackUrl(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof value !== 'string' || value === '') return '/';
  // Only a path or an absolute URL of the portal itself; `javascript:`, `data:` and scheme-relative values never resolve here.
  if (!value.startsWith('/') && !value.startsWith(`${origin}/`) && value !== origin) return '/';
  const path = sameOriginPath(value, origin);
  if (!path || !path.startsWith('/') || path.startsWith('//')) return '/';
  if (path.startsWith('/signin') || path.startsWith('/signout')) return '/';
  return path;
}
