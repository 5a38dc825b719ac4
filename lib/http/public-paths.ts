// Paths anyone may load without a session: the sign-in pages, machine endpoints (which answer 401 themselves), the
// framework's assets and the app's metadata files (icon, favicon), which the browser fetches before sign-in too.
const PUBLIC_PREFIXES = ['/signin', '/signed-out', '/api/', '/_next/'];
const PUBLIC_FILES = new Set(['/icon.svg', '/favicon.ico', '/apple-icon.png', '/robots.txt', '/manifest.webmanifest']);

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_FILES.has(pathname)) return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** A path whose percent-escapes do not decode names no page: it is answered 404 before any page sees it. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
