import 'server-only';

/** A per-user limit: at most `limit` calls in each fixed window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
  /** What is counted, for the message ("access requests"). */
  noun: string;
}

// Generous for a person clicking, tight for a script: a user submits a handful of requests a day, an approver
// works through a queue, the token doctor and console are interactive.
export const RATE_LIMITS = {
  'submit-request': { limit: 10, windowSeconds: 600, noun: 'access requests' },
  'cancel-request': { limit: 20, windowSeconds: 600, noun: 'cancellations' },
  'decide-request': { limit: 60, windowSeconds: 600, noun: 'decisions' },
  'token-doctor': { limit: 30, windowSeconds: 60, noun: 'token checks' },
  console: { limit: 30, windowSeconds: 60, noun: 'console calls' },
} as const satisfies Record<string, RateLimit>;

export type RateLimitBucket = keyof typeof RATE_LIMITS;
