// Rule: the approver's own waiting requests, listed on every view of the queue, are found through an index on the
// requester and status, so their cost does not grow with the queue.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';

describeEngines('the own-waiting query plan', (engine) => {
  it('finds one requester’s pending requests, oldest first, through the requester and status index', async () => {
    const { db } = await engine.openMigrated();
    const ownWaiting = sql`select * from access_request where status = 'pending' and requester_oid = 'oid-ada' order by created_at limit 50`;
    const plan =
      engine.kind === 'sqlite'
        ? (await sql<{ detail: string }>`explain query plan ${ownWaiting}`.execute(db)).rows.map((r) => r.detail)
        : await db.connection().execute(async (conn) => {
            // An empty table makes a scan cheaper than any index, so only the index's availability is asked.
            await sql`set enable_seqscan = off`.execute(conn);
            try {
              return (await sql<{ 'QUERY PLAN': string }>`explain ${ownWaiting}`.execute(conn)).rows.map((r) => r['QUERY PLAN']);
            } finally {
              await sql`reset enable_seqscan`.execute(conn);
            }
          });
    expect(plan.join('\n')).toContain('access_request_requester_status_idx');
  });
});
