import 'server-only';
import { UserFacingError } from '@/lib/errors/user-facing-error';

export interface RateLimiter {
  /** Counts one call for the key, or throws a UserFacingError saying when to retry. */
  take(key: string): void;
}

/** A sliding one-window limit per key, in memory: enough to stop one user from driving the gateway through the portal. */
export function createRateLimiter(limit: number, windowMs: number, clock: () => number = Date.now): RateLimiter {
  const calls = new Map<string, number[]>();
  return {
    take(key) {
      const now = clock();
      const recent = (calls.get(key) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= limit) {
        const wait = Math.max(1, Math.ceil((windowMs - (now - (recent[0] as number))) / 1000));
        calls.set(key, recent);
        throw new UserFacingError(
          `You have sent ${limit} requests in the last ${windowMs / 1000} seconds, the console's limit. Try again in ${wait} s.`,
          'console_rate_limited',
          429,
        );
      }
      recent.push(now);
      calls.set(key, recent);
      // Keys of users who stopped calling would otherwise stay forever.
      if (calls.size > 10_000) for (const [k, times] of calls) if (times.every((at) => now - at >= windowMs)) calls.delete(k);
    },
  };
}

export const consoleRateLimiter = createRateLimiter(30, 60_000);
