// Rule: audit queries return exactly the events matching every filter, newest first, in pages that neither skip nor repeat, and count them.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { countAuditEvents, queryAuditEvents } from './query-audit-events';

const alice = { oid: 'oid-alice', name: 'Alice' };
const bob = { oid: 'oid-bob', name: 'Bob' };

async function seed(db: Kysely<Database>): Promise<void> {
  const events = [
    { actor: alice, action: 'request.created', subject: { type: 'access_request', id: 'r1' }, at: '2026-11-01T10:00:00.000Z' },
    { actor: bob, action: 'request.approved', subject: { type: 'access_request', id: 'r1' }, at: '2026-11-02T10:00:00.000Z' },
    { actor: alice, action: 'request.created', subject: { type: 'access_request', id: 'r2' }, at: '2026-11-03T10:00:00.000Z' },
    { actor: bob, action: 'policy.applied', subject: { type: 'api', id: 'orders' }, at: '2026-11-04T10:00:00.000Z' },
    {
      actor: { oid: null, name: 'system' },
      action: 'request.expired',
      subject: { type: 'access_request', id: 'r1' },
      at: '2026-11-05T10:00:00.000Z',
    },
  ];
  for (const event of events) await withTransaction(db, (trx) => appendAuditEvent(trx, event));
}

describeEngines('queryAuditEvents', (engine) => {
  it('applies each filter and their combination, newest first', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    const seqs = async (filter: Parameters<typeof queryAuditEvents>[1]) =>
      (await queryAuditEvents(db, filter)).events.map((event) => event.seq);

    expect(await seqs({})).toEqual([5, 4, 3, 2, 1]);
    expect(await seqs({ actorOid: 'oid-alice' })).toEqual([3, 1]);
    expect(await seqs({ action: 'request.created' })).toEqual([3, 1]);
    expect(await seqs({ subjectType: 'access_request', subjectId: 'r1' })).toEqual([5, 2, 1]);
    expect(await seqs({ from: '2026-11-02T10:00:00.000Z', to: '2026-11-04T10:00:00.000Z' })).toEqual([3, 2]);
    expect(await seqs({ actorOid: 'oid-bob', subjectType: 'api' })).toEqual([4]);
    expect(await seqs({ actorOid: 'oid-nobody' })).toEqual([]);
  });

  it('pages by seq without skipping or repeating, even while events are appended', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    const first = await queryAuditEvents(db, {}, { limit: 2 });
    expect(first.events.map((event) => event.seq)).toEqual([5, 4]);
    expect(first.nextBeforeSeq).toBe(4);

    await withTransaction(db, (trx) =>
      appendAuditEvent(trx, { actor: alice, action: 'request.created', subject: { type: 'access_request', id: 'r3' } }),
    );
    const second = await queryAuditEvents(db, {}, { limit: 2, beforeSeq: first.nextBeforeSeq ?? undefined });
    expect(second.events.map((event) => event.seq)).toEqual([3, 2]);
    const last = await queryAuditEvents(db, {}, { limit: 2, beforeSeq: second.nextBeforeSeq ?? undefined });
    expect(last.events.map((event) => event.seq)).toEqual([1]);
    expect(last.nextBeforeSeq).toBeNull();
  });

  it('counts the matching events, and those newer than a page, so the page can say where it sits', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    const exact = { totalExact: true, newerExact: true };
    expect(await countAuditEvents(db, {})).toEqual({ total: 5, newer: 0, ...exact });
    // Unfiltered counts come from the head: the page before seq 3 holds 2 and 1, after 5, 4 and 3.
    expect(await countAuditEvents(db, {}, 3)).toEqual({ total: 5, newer: 3, ...exact });
    expect(await countAuditEvents(db, {}, 99)).toEqual({ total: 5, newer: 0, ...exact });
    expect(await countAuditEvents(db, { subjectType: 'access_request', subjectId: 'r1' })).toEqual({ total: 3, newer: 0, ...exact });
    // The page of r1's events before seq 2 holds seq 1: events 5 and 2 come before it.
    expect(await countAuditEvents(db, { subjectType: 'access_request', subjectId: 'r1' }, 2)).toEqual({ total: 3, newer: 2, ...exact });
  });

  it('stops counting the matches of a filter at the cap and says the count is not exact', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    const r1 = { subjectType: 'access_request', subjectId: 'r1' };
    expect(await countAuditEvents(db, r1, 2, 2)).toEqual({ total: 2, newer: 2, totalExact: false, newerExact: true });
    expect(await countAuditEvents(db, r1, 1, 1)).toEqual({ total: 1, newer: 1, totalExact: false, newerExact: false });
    expect(await countAuditEvents(db, r1, undefined, 3)).toEqual({ total: 3, newer: 0, totalExact: true, newerExact: true });
  });

  it('returns events with their JSON parsed', async () => {
    const { db } = await engine.openMigrated();
    await withTransaction(db, (trx) =>
      appendAuditEvent(trx, {
        actor: alice,
        action: 'rule.changed',
        subject: { type: 'approval_rule', id: 'x' },
        before: null,
        after: { stages: 2 },
        data: { api: 'orders' },
      }),
    );
    const [event] = (await queryAuditEvents(db, {})).events;
    expect(event).toMatchObject({
      seq: 1,
      actorOid: 'oid-alice',
      actorName: 'Alice',
      before: null,
      after: { stages: 2 },
      data: { api: 'orders' },
    });
  });
});
