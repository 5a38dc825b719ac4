export interface CspOptions {
  /** `next dev` needs eval for React's debugging; a production build never does. */
  development: boolean;
  /** Behind https every http subresource is upgraded; on plain http that would break the page. */
  https: boolean;
}

/**
 * The page's Content-Security-Policy. Scripts run only with this request's nonce (Next.js reads it from the request's
 * CSP header and stamps it on its own scripts); 'strict-dynamic' lets those load their chunks. Nothing may frame the
 * portal, post a form elsewhere, or change the base URL.
 */
export function contentSecurityPolicy(nonce: string, options: CspOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: unguessable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
