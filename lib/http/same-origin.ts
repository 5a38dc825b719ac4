/**
 * Whether a state-changing request comes from the portal's own pages. Browsers send `Origin` on every POST (and
 * `Sec-Fetch-Site` on every request); a request from another site, or one that hides both, is refused.
 */
export function isSameOriginRequest(request: Request, publicUrl: string): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return origin === new URL(publicUrl).origin;
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
