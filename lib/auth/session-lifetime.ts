import 'server-only';
import type { JWT } from 'next-auth/jwt';
import { getConfig } from '@/lib/env';

/**
 * When a session ends however active it is: a fixed time after sign-in. A token without a start time or a session id
 * predates server-side sessions and is treated as ended, so it cannot outlive sign-out.
 */
export function sessionEndsAt(token: JWT): Date | null {
  if (typeof token.startedAt !== 'number' || typeof token.sid !== 'string' || token.sid === '') return null;
  return new Date((token.startedAt + getConfig().sessionLifetimeHours * 3600) * 1000);
}

export function isPastLifetime(token: JWT, now: Date = new Date()): boolean {
  const end = sessionEndsAt(token);
  return end === null || now.getTime() >= end.getTime();
}
