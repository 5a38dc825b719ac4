/** How long a worker holds a row it is working on before another may take it. */
export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 8;

/** First retry after `baseMs` (30 s by default), doubling per attempt up to an hour, with jitter. */
export function backoff(attempts: number, baseMs = 30_000): number {
  const delay = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.75 + Math.random() / 2));
}

/** A failure's text for the row and the log: never a URL (the Teams webhook's carries its secret). */
export function errorText(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/https?:\/\/\S+/gi, '[url]').slice(0, 500);
}
