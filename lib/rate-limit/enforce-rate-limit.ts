import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { RATE_LIMITS, type RateLimit, type RateLimitBucket } from './rate-limits';

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Counts one call of `userOid` to a limited action, or throws a UserFacingError (429) saying when to retry.
 *
 * The counter lives in the shared database, so the limit holds across replicas. One statement both checks and
 * counts: the upsert only increments while the count is under the limit, and returns no row once it is reached,
 * on SQLite and PostgreSQL alike, so concurrent calls on any number of connections cannot overshoot.
 */
export async function enforceRateLimit(
  db: Kysely<Database>,
  bucket: RateLimitBucket,
  userOid: string,
  now: Date = new Date(),
  rule: RateLimit = RATE_LIMITS[bucket],
): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowStart = new Date(start).toISOString();
  const expiresAt = new Date(start + windowMs).toISOString();
  const at = now.toISOString();
  const counted = await db
    .insertInto('rate_limit_counter')
    .values({ bucket, subject: userOid, window_start: windowStart, count: 1, expires_at: expiresAt, created_at: at, updated_at: at })
    .onConflict((conflict) =>
      conflict
        .columns(['bucket', 'subject', 'window_start'])
        .doUpdateSet({ count: sql<number>`rate_limit_counter.count + 1`, updated_at: at })
        .where('rate_limit_counter.count', '<', rule.limit),
    )
    .returning('count')
    .executeTakeFirst();

  if (!counted) {
    const wait = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
    throw new UserFacingError(
      `You have reached the limit of ${rule.limit} ${rule.noun} per ${duration(rule.windowSeconds)}. Try again in ${duration(wait)}.`,
      'rate_limited',
      429,
    );
  }
  // The first call of a window clears this user's finished windows, so the table holds about one row per user and action.
  if (Number(counted.count) === 1) {
    await db
      .deleteFrom('rate_limit_counter')
      .where('bucket', '=', bucket)
      .where('subject', '=', userOid)
      .where('expires_at', '<=', at)
      .execute();
  }
}
