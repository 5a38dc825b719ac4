// Rule: a bulk append chains events exactly as appending them one by one would, so the chain it leaves verifies and a later single append continues it.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { migrateToLatest } from '@/lib/db/migrate';
import { withTransaction } from '@/lib/db/transaction';
import { appendAuditEvent } from './append-audit-event';
import { appendAuditEvents } from './append-audit-events';
import type { AuditEventInput } from './audit-event';
import { verifyAuditChain } from './verify-audit-chain';

const event = (n: number): AuditEventInput => ({
  actor: { oid: `oid-${n % 3}`, name: `User ${n % 3}` },
  action: n % 2 === 0 ? 'request.submitted' : 'request.approved',
  subject: { type: 'access_request', id: `r${n}` },
  after: { status: 'pending', version: 1 },
  data: { n, roles: ['Orders.Read'] },
  at: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
});

describeEngines('appendAuditEvents', (engine) => {
  it('gives the same rows, hashes and head as appending the events one by one', async () => {
    // Two separate databases (openMigrated hands out one shared PostgreSQL database per suite).
    const one = (await engine.openMigrated()).db;
    const bulk = (await engine.openEmpty()).db;
    await migrateToLatest(bulk);
    const events = Array.from({ length: 2503 }, (_, i) => event(i + 1));
    for (const e of events.slice(0, 5)) await withTransaction(one, (trx) => appendAuditEvent(trx, e));
    const last = await withTransaction(bulk, (trx) => appendAuditEvents(trx, events.slice(0, 5)));

    const fields = ['seq', 'at', 'actor_oid', 'action', 'subject_id', 'before', 'after', 'data', 'prev_hash', 'hash'] as const;
    const rowsOf = (db: typeof one) => db.selectFrom('audit_event').select(fields).orderBy('seq').execute();
    expect(await rowsOf(bulk)).toEqual(await rowsOf(one));
    const head = await bulk.selectFrom('audit_head').select(['last_seq', 'last_hash']).executeTakeFirstOrThrow();
    expect({ seq: Number(head.last_seq), hash: head.last_hash }).toEqual({ seq: last.seq, hash: last.hash });

    // Across several multi-row inserts, then continued by a single append: the whole chain verifies.
    await withTransaction(bulk, (trx) => appendAuditEvents(trx, events.slice(5)));
    await withTransaction(bulk, (trx) => appendAuditEvent(trx, event(9999)));
    expect(await verifyAuditChain(bulk, { from: 'genesis' })).toMatchObject({ ok: true, checked: 2504, lastSeq: 2504 });
  });

  it('leaves the chain as it was when the transaction rolls back, and appends nothing for no events', async () => {
    const { db } = await engine.openMigrated();
    await withTransaction(db, (trx) => appendAuditEvents(trx, [event(1), event(2)]));
    await expect(
      withTransaction(db, async (trx) => {
        await appendAuditEvents(trx, [event(3), event(4)]);
        throw new Error('the import failed');
      }),
    ).rejects.toThrow('the import failed');
    expect(await withTransaction(db, (trx) => appendAuditEvents(trx, []))).toMatchObject({ seq: 2, appended: 0 });
    expect(await verifyAuditChain(db, { from: 'genesis' })).toMatchObject({ ok: true, checked: 2, lastSeq: 2 });
  });
});
