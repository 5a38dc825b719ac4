// Rule: the queries every view of the queue and of an API page runs find their rows through an index, so their cost
// does not grow with the queue or the catalog: the approver's own waiting requests (requester and status), and the
// APIs that share a role's app registration (app id).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines, type TestEngine } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';

async function planOf(engine: TestEngine, db: Kysely<Database>, query: RawBuilder<unknown>): Promise<string> {
  if (engine.kind === 'sqlite')
    return (await sql<{ detail: string }>`explain query plan ${query}`.execute(db)).rows.map((r) => r.detail).join('\n');
  return db.connection().execute(async (conn) => {
    // An empty table makes a scan cheaper than any index, so only the index's availability is asked.
    await sql`set enable_seqscan = off`.execute(conn);
    try {
      return (await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(conn)).rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
    }
  });
}

describeEngines('query plans of every view', (engine) => {
  it('finds one requester’s pending requests, oldest first, through the requester and status index', async () => {
    const { db } = await engine.openMigrated();
    const ownWaiting = sql`select * from access_request where status = 'pending' and requester_oid = 'oid-ada' order by created_at limit 50`;
    expect(await planOf(engine, db, ownWaiting)).toContain('access_request_requester_status_idx');
  });

  it('finds the APIs of one app registration through the app id index', async () => {
    const { db } = await engine.openMigrated();
    const siblings = sql`select id from catalog_api where app_id = 'app-orders'`;
    expect(await planOf(engine, db, siblings)).toContain('catalog_api_app_idx');
  });
});
