import 'server-only';

/**
 * An Azure request that got no answer in time. It carries no status code, so callers treat it like a network failure
 * (provisioning retries the job later; a catalog sync reports the API it could not read). The text names the method
 * and path only: query strings stay out of logs and failure reasons.
 */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeout';
  readonly code = 'RequestTimeout';

  constructor(service: string, method: string, url: string, timeoutMs: number) {
    super(`${service} did not answer ${method} ${pathOf(url)} within ${timeoutMs / 1000} s.`);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? '';
  }
}
