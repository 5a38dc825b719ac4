import 'server-only';
import type { GraphFailure } from './role-assignments';

/** Throttling, server errors and network failures pass; a 4xx other than 429/408 will fail the same way again. */
export function isRetryableGraphError(error: unknown): boolean {
  const status = (error as GraphFailure)?.statusCode;
  if (typeof status !== 'number' || status <= 0) return true;
  return status === 429 || status === 408 || status >= 500;
}

/** Milliseconds the service asked us to wait (Retry-After in seconds or as a date), or 0. */
export function retryAfterMs(error: unknown): number {
  const raw = (error as GraphFailure)?.headers?.get?.('retry-after');
  if (!raw) return 0;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

/** One line for the request's failure reason and the job's last error. */
export function describeGraphError(error: unknown): string {
  const e = error as GraphFailure;
  const status = typeof e?.statusCode === 'number' && e.statusCode > 0 ? `Graph ${e.statusCode}${e.code ? ` ${e.code}` : ''}: ` : '';
  const message = error instanceof Error || typeof e?.message === 'string' ? String(e.message) : String(error);
  return `${status}${message}`.slice(0, 500);
}
