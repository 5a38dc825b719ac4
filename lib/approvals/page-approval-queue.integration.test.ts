// Rule: the approval queue pages by keyset in (created_at, id) order: pages neither skip nor repeat a request (ties on created_at included, decisions made between pages included), paging back returns the page before, and a malformed cursor is reported, not run.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { sampleRows } from '@/test/harness/sample-rows';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { parseQueueCursor, type QueueCursor } from './approval-queue-cursor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { withTransaction } from '@/lib/db/transaction';
import { approvalQueueFacets, FACET_OPTIONS } from './approval-queue-facets';
import { loadApprovalsPage } from './load-approvals-page';
import { pageApprovalQueue } from './page-approval-queue';

const admin: PortalUser = { oid: 'oid-admin', tid: 't', name: 'Ad Min', upn: 'admin@contoso.example', portalRoles: [], isAdmin: true };

// Requests 3, 4 and 5 were submitted in the same millisecond: only the id orders them.
const TIMES = ['01', '02', '03', '03', '03', '04', '05'].map((minute) => `2026-11-20T10:${minute}:00.000Z`);
const idOf = (n: number) => `00000000-0000-4000-8000-00000000000${n}` as const;

async function seed(db: Kysely<Database>): Promise<string[]> {
  const ids = TIMES.map((_, i) => idOf(i + 1));
  // Inserted out of order, so the order comes from the query, not from insertion.
  for (const i of [6, 2, 4, 0, 3, 5, 1]) {
    const row = { ...sampleRows(ids[i]!).access_request, principal_type: 'user' as const, principal_id: null, client_sp_type: null };
    await db
      .insertInto('access_request')
      .values({
        ...row,
        requester_oid: `oid-dev-${i % 2}`,
        requester_name: `Dev ${i % 2}`,
        api_id: i < 5 ? 'orders' : 'inventory',
        created_at: TIMES[i] as string,
      })
      .execute();
  }
  return ids;
}

const cursor = (raw: string | null) => parseQueueCursor(raw ?? undefined) as QueueCursor;

describeEngines('pageApprovalQueue', (engine) => {
  it('walks every request once, oldest first, ties broken by id, and back again', async () => {
    const { db } = await engine.openMigrated();
    const ids = await seed(db);
    const first = await pageApprovalQueue(db, admin, {}, {}, 3);
    expect(first).toMatchObject({ total: 7, before: 0, prevCursor: null });
    const second = await pageApprovalQueue(db, admin, {}, { after: cursor(first.nextCursor) }, 3);
    expect(second.before).toBe(3);
    const third = await pageApprovalQueue(db, admin, {}, { after: cursor(second.nextCursor) }, 3);
    expect(third).toMatchObject({ before: 6, nextCursor: null });
    expect([first, second, third].flatMap((p) => p.requests.map((r) => r.id))).toEqual(ids);

    const back = await pageApprovalQueue(db, admin, {}, { before: cursor(third.prevCursor) }, 3);
    expect(back.requests.map((r) => r.id)).toEqual(second.requests.map((r) => r.id));
    // Fewer than a page before the cursor: the first page, whole.
    const start = await pageApprovalQueue(db, admin, {}, { before: cursor(third.nextCursor ?? second.prevCursor) }, 5);
    expect(start.requests.map((r) => r.id)).toEqual(ids.slice(0, 5));
  });

  it('neither skips nor repeats when a request on an earlier page is decided between pages, and pages within a filter', async () => {
    const { db } = await engine.openMigrated();
    const ids = await seed(db);
    const first = await pageApprovalQueue(db, admin, {}, {}, 3);
    // Decided as the portal decides: the change and its audit event in one transaction.
    await withTransaction(db, async (trx) => {
      await trx
        .updateTable('access_request')
        .set({ status: 'approved' })
        .where('id', '=', ids[0] as string)
        .execute();
      await appendAuditEvent(trx, {
        actor: { oid: admin.oid, name: admin.name },
        action: 'request.approved',
        subject: { type: 'access_request', id: ids[0] as string },
      });
    });
    const second = await pageApprovalQueue(db, admin, {}, { after: cursor(first.nextCursor) }, 3);
    expect(second.requests.map((r) => r.id)).toEqual(ids.slice(3, 6));
    expect(second).toMatchObject({ total: 6, before: 2 });

    const orders = await pageApprovalQueue(db, admin, { apiId: 'orders' }, {}, 2);
    const rest = await pageApprovalQueue(db, admin, { apiId: 'orders' }, { after: cursor(orders.nextCursor) }, 2);
    expect([...orders.requests, ...rest.requests].map((r) => r.id)).toEqual(ids.slice(1, 5));
    expect(rest).toMatchObject({ total: 4, before: 2, nextCursor: null });
  });

  it('counts the filter options over the whole queue', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    const facets = await approvalQueueFacets(db, admin);
    expect(facets).toMatchObject({
      total: 7,
      apis: [
        ['inventory', 2],
        ['orders', 5],
      ],
      roles: [['Orders.Read', 7]],
      requesterCount: 2,
    });
    expect(facets.requesters).toEqual([
      { oid: 'oid-dev-0', name: 'Dev 0', count: 4 },
      { oid: 'oid-dev-1', name: 'Dev 1', count: 3 },
    ]);
  });

  it('lists the APIs and requesters with the most requests, at most FACET_OPTIONS, plus the one filtered on', async () => {
    const { db } = await engine.openMigrated();
    const many = FACET_OPTIONS + 2;
    const rows = Array.from({ length: many }, (_, i) => ({
      ...sampleRows().access_request,
      principal_type: 'user' as const,
      principal_id: null,
      client_sp_type: null,
      api_id: `api-${String(i).padStart(3, '0')}`,
      requester_oid: `oid-${String(i).padStart(3, '0')}`,
    }));
    // api-000 and oid-000 have a second request, so they rank first.
    await db
      .insertInto('access_request')
      .values([...rows, { ...rows[0]!, id: idOf(9), role_value: 'Orders.Write' }])
      .execute();
    const facets = await approvalQueueFacets(db, admin, { apiId: 'api-101', requesterOid: 'oid-101' });
    expect(facets).toMatchObject({ total: many + 1, apiCount: many, requesterCount: many });
    expect(facets.apis).toHaveLength(FACET_OPTIONS + 1);
    expect(facets.apis[0]).toEqual(['api-000', 2]);
    expect(facets.apis.map(([id]) => id)).toContain('api-101');
    expect(facets.apis.map(([id]) => id)).not.toContain('api-100');
    expect(facets.requesters.map((r) => r.oid)).toContain('oid-101');
    expect(facets.requesters).toHaveLength(FACET_OPTIONS + 1);
  });

  it('reports a malformed cursor instead of running it, and reads past the end as an empty page', async () => {
    const { db } = await engine.openMigrated();
    await seed(db);
    for (const after of ['garbage', "2026-11-20T10:01:00.000Z~x' or '1'='1", '2026-11-20~abc']) {
      const loaded = await loadApprovalsPage(admin, {}, '', { after }, db);
      expect(loaded, after).toMatchObject({ badCursor: true, shown: [] });
    }
    expect(await loadApprovalsPage(admin, {}, '', { before: 'nope' }, db)).toMatchObject({ badCursor: true });
    const past = await pageApprovalQueue(db, admin, {}, { after: { createdAt: '2030-01-01T00:00:00.000Z', id: 'z' } }, 3);
    expect(past).toMatchObject({ requests: [], total: 7, nextCursor: null });
  });
});
