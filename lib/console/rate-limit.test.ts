// Rule: one user cannot send more than the limit per window through the console, and one user's calls never count against another's.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('createRateLimiter', () => {
  it('refuses the call past the limit with when to retry, and allows it once the window has moved on', () => {
    let now = 0;
    const limiter = createRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      now += 1_000;
      limiter.take('ben');
    }
    now = 20_000;
    expect(() => limiter.take('ben')).toThrow("You have sent 3 requests in the last 60 seconds, the console's limit. Try again in 41 s.");
    limiter.take('ada');
    now = 61_001;
    expect(() => limiter.take('ben')).not.toThrow();
  });
});
