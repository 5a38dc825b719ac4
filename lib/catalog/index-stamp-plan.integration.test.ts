// Rule: the catalog index's stamp, read on every page view, finds the newest API change through an index on both
// engines, so its cost does not grow with the catalog.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';

describeEngines('the catalog stamp query plan', (engine) => {
  it("reads catalog_api's newest updated_at from an index, not by scanning the table", async () => {
    const { db } = await engine.openMigrated();
    const newest = sql`select max(updated_at) from catalog_api`;
    const plan =
      engine.kind === 'sqlite'
        ? (await sql<{ detail: string }>`explain query plan ${newest}`.execute(db)).rows.map((r) => r.detail)
        : await db.connection().execute(async (conn) => {
            // A handful of rows would make a scan cheaper than any index, so only the index's availability is asked.
            await sql`set enable_seqscan = off`.execute(conn);
            try {
              return (await sql<{ 'QUERY PLAN': string }>`explain ${newest}`.execute(conn)).rows.map((r) => r['QUERY PLAN']);
            } finally {
              await sql`reset enable_seqscan`.execute(conn);
            }
          });
    expect(plan.join('\n')).toContain('catalog_api_updated_at_idx');
  });
});
