// Rule: a user gets at most the limit of calls per window of a limited action, counted in the shared database so two replicas share one limit; the user past it gets a message saying when to retry, and nobody else is affected.
import { expect, it } from 'vitest';
import { migrateToLatest } from '@/lib/db/migrate';
import { describeEngines } from '@/test/harness/database-engines';
import { runAction } from '@/lib/errors/user-facing-error';
import { enforceRateLimit } from './enforce-rate-limit';

const rule = { limit: 3, windowSeconds: 60, noun: 'console calls' };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 6, 0, seconds));

describeEngines('enforceRateLimit', (engine) => {
  it('refuses the call past the limit with when to retry, and allows it again in the next window', async () => {
    const { db } = await engine.openMigrated();
    for (const second of [1, 2, 3]) await enforceRateLimit(db, 'console', 'oid-ben', at(second), rule);
    const refused = await runAction(() => enforceRateLimit(db, 'console', 'oid-ben', at(19), rule));
    expect(refused).toEqual({ ok: false, error: 'You have reached the limit of 3 console calls per 1 minute. Try again in 41 s.' });
    // Another user, and another action of the same user, have their own counters.
    await enforceRateLimit(db, 'console', 'oid-ada', at(20), rule);
    await enforceRateLimit(db, 'token-doctor', 'oid-ben', at(20), rule);

    await enforceRateLimit(db, 'console', 'oid-ben', at(61), rule);
    const rows = await db
      .selectFrom('rate_limit_counter')
      .select(['bucket', 'subject', 'count'])
      .where('subject', '=', 'oid-ben')
      .orderBy('bucket')
      .execute();
    // The finished window was cleared when the new one started.
    expect(rows).toEqual([
      { bucket: 'console', subject: 'oid-ben', count: 1 },
      { bucket: 'token-doctor', subject: 'oid-ben', count: 1 },
    ]);
  });

  it('holds one limit across two database handles (two replicas), even for concurrent calls', async () => {
    const config = await engine.freshConfig();
    const first = engine.open(config);
    await migrateToLatest(first.db);
    const second = engine.open(config);
    const limit = { limit: 10, windowSeconds: 600, noun: 'access requests' };
    const now = at(5);

    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        runAction(() => enforceRateLimit((n % 2 === 0 ? first : second).db, 'submit-request', 'oid-ada', now, limit)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => !outcome.ok && outcome.error)).toEqual(
      Array(14).fill('You have reached the limit of 10 access requests per 10 minutes. Try again in 10 minutes.'),
    );
    const counter = await second.db.selectFrom('rate_limit_counter').select('count').executeTakeFirstOrThrow();
    expect(counter.count).toBe(10);
  });
});
