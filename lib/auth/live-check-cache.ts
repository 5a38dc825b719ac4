import 'server-only';
import { processSingleton } from '@/lib/server/state/process-singleton';

/** Rights read from Graph are trusted this long; a removed admin or owner loses them at most this much later. */
export const LIVE_CHECK_TTL_MS = 60_000;

type Entry = { at: number; value: Promise<boolean> };
// One per process: pages, actions and route handlers run from separate module copies in one server process.
const entries = processSingleton('liveChecks', () => new Map<string, Entry>());

/**
 * One yes/no answer from Graph per key, shared for LIVE_CHECK_TTL_MS. A failed read is not kept (the next call asks
 * again) and counts as "no": rights are never granted on a guess.
 */
export async function cachedLiveCheck(key: string, read: () => Promise<boolean>): Promise<boolean> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < LIVE_CHECK_TTL_MS) return hit.value;
  const value = read();
  entries.set(key, { at: Date.now(), value });
  try {
    return await value;
  } catch (error) {
    entries.delete(key);
    console.error(`[auth] could not confirm ${key.split(':')[0]} rights in Graph`, error instanceof Error ? error.message : error);
    return false;
  }
}

/** Tests and sign-out start from a clean slate. */
export function forgetLiveChecks(): void {
  entries.clear();
}
