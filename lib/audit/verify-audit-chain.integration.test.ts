// Rule: any change to the stored audit chain — an edited, removed or truncated event, even with its hashes recomputed without the audit key — is reported at the first seq it breaks.
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { auditEventFromRow } from './audit-event';
import { computeAuditHash } from './audit-hash';
import { rehashWithoutKey } from '@/test/harness/rehash-without-key';
import { verifyAuditChain } from './verify-audit-chain';

async function seed(db: Kysely<Database>, count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    await withTransaction(db, (trx) =>
      appendAuditEvent(trx, {
        actor: { oid: 'oid-admin', name: 'Ad Min' },
        action: 'policy.applied',
        subject: { type: 'api', id: 'orders' },
        data: { n, roles: ['Orders.Read'] },
      }),
    );
  }
}

describeEngines('verifyAuditChain', (engine) => {
  it('accepts an empty chain and an intact one, across batch boundaries', async () => {
    const { db } = await engine.openMigrated();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 0, lastSeq: 0 });
    await seed(db, 7);
    expect(await verifyAuditChain(db, { batchSize: 3 })).toMatchObject({ ok: true, checked: 7, lastSeq: 7, fromSeq: 0 });
  });

  it('lets the server answer other work between batches of a long pass', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 6);
    let otherWorkRan = false;
    setImmediate(() => {
      otherWorkRan = true;
    });
    const report = await verifyAuditChain(db, { batchSize: 2 });
    expect(report).toMatchObject({ ok: true, checked: 6 });
    expect(otherWorkRan).toBe(true);
  });

  it('reports the seq whose data was edited', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 5);
    await db.updateTable('audit_event').set({ data: '{"n":3,"roles":["Orders.Write"]}' }).where('seq', '=', 3).execute();
    expect(await verifyAuditChain(db, { batchSize: 2 })).toMatchObject({ ok: false, brokenSeq: 3, reason: 'hash-mismatch', checked: 2 });
  });

  it('reports an edit that only reformats the stored JSON', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 2);
    await db.updateTable('audit_event').set({ data: '{"roles":["Orders.Read"],"n":2}' }).where('seq', '=', 2).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2, reason: 'hash-mismatch' });
  });

  it('reports the event after one that was rewritten with a recomputed hash', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 4);
    const row = await db.selectFrom('audit_event').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const forged = { ...row, data: '{"n":2,"roles":["Orders.Admin"]}' };
    const hash = computeAuditHash(row.prev_hash, auditEventFromRow(forged));
    await db.updateTable('audit_event').set({ data: forged.data, hash }).where('seq', '=', 2).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 3, reason: 'prev-hash-mismatch' });
  });

  it('reports a row rewritten with plain SHA-256 hashes recomputed through the end of the chain', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 4);
    await db.updateTable('audit_event').set({ data: '{"n":2,"roles":["Orders.Admin"]}' }).where('seq', '=', 2).execute();
    await rehashWithoutKey(db, 2);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2, reason: 'hash-mismatch' });

    // Re-hashing the whole chain passes every plain SHA-256 check, but nothing keyed vouches for it any more.
    await rehashWithoutKey(db, 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 4, reason: 'unsealed' });
  });

  it('does not verify under another key', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 2);
    expect(await verifyAuditChain(db, { key: 'k'.repeat(32) })).toMatchObject({ ok: false, brokenSeq: 1, reason: 'hash-mismatch' });
  });

  it('reports a removed event and a truncated tail', async () => {
    const { db } = await engine.openMigrated();
    await seed(db, 5);
    await sql`delete from audit_event where seq = 5`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 5, reason: 'head-mismatch' });
    await sql`delete from audit_event where seq = 2`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2, reason: 'missing-seq' });
  });
});
