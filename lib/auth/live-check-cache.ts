import 'server-only';
import { ExpiringMap } from '@/lib/server/state/expiring-map';
import { processSingleton } from '@/lib/server/state/process-singleton';

/** Rights read from Graph are trusted this long; a removed admin or owner loses them at most this much later. */
export const LIVE_CHECK_TTL_MS = 60_000;

// Keys are per user (and per app or group); bounded so entries of people who left do not pile up.
const MAX_ENTRIES = 10_000;
// One per process: pages, actions and route handlers run from separate module copies in one server process.
const entries = processSingleton('liveChecksByKey', () => new ExpiringMap<Promise<boolean>>(LIVE_CHECK_TTL_MS, MAX_ENTRIES));

/**
 * One yes/no answer from Graph per key, shared for LIVE_CHECK_TTL_MS. A failed read is not kept (the next call asks
 * again) and counts as "no": rights are never granted on a guess.
 */
export async function cachedLiveCheck(key: string, read: () => Promise<boolean>): Promise<boolean> {
  const hit = entries.get(key);
  if (hit) return hit;
  const value = read();
  entries.set(key, value);
  try {
    return await value;
  } catch (error) {
    entries.delete(key, value);
    console.error(`[auth] could not confirm ${key.split(':')[0]} rights in Graph`, error instanceof Error ? error.message : error);
    return false;
  }
}

/** Tests and sign-out start from a clean slate. */
export function forgetLiveChecks(): void {
  entries.clear();
}
