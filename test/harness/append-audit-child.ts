// A separate process that appends audit events, for tests of writers on several connections to one SQLite file.
// Usage: node --conditions=react-server --import tsx append-audit-child.ts '<DatabaseConfig JSON>' <count> <start-at epoch ms>
import { createDatabase, type DatabaseConfig } from '@/lib/db/connection';
import { withTransaction } from '@/lib/db/transaction';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';

const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const count = Number(process.argv[3] ?? 0);
const startAt = Number(process.argv[4] ?? 0);

const database = createDatabase(config);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
try {
  for (let n = 0; n < count; n += 1) {
    await withTransaction(database.db, async (trx) => {
      // A read before the append makes this a read-then-write transaction, the kind a deferred `begin` would fail.
      await trx.selectFrom('audit_event').select('seq').limit(1).execute();
      // Work between the read and the write (here a timer) gives the other process time to commit in between.
      await new Promise((resolve) => setTimeout(resolve, 2));
      await appendAuditEvent(trx, {
        actor: { oid: null, name: `process ${process.pid}` },
        action: 'test.appended',
        subject: { type: 'test', id: String(n) },
      });
    });
  }
} finally {
  await database.close();
}
