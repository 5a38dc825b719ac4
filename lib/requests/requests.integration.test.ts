// Rule: requests are validated, deduplicated and decided once by a legitimate approver; nobody reads or acts on another user's request.
import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';
import { saveApprovalRule } from '@/lib/approvals/approval-rules';
import { cancelRequest } from './cancel-request';
import { decideRequest } from '@/lib/approvals/decide-request';
import { countPendingForApprover, listApprovalQueue } from '@/lib/approvals/list-approval-queue';
import { getRequestForUser, listGrants, listMyRequests } from './query-requests';
import { getRequestFormData } from '@/lib/approvals/requestable-roles';
import { submitRequest } from '@/lib/approvals/submit-request';
import { INVENTORY_APP } from '@/test/harness/access-fixture';
import { ada, adminRoleId, ben, olivia, priya, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant } from '@/test/harness/access-world';

withTenant();
const justification = 'Building the checkout flow.';

async function nothingWritten(db: Kysely<Database>) {
  expect(await db.selectFrom('access_request').selectAll().execute()).toEqual([]);
  expect(await db.selectFrom('audit_event').selectAll().execute()).toEqual([]);
  expect(await db.selectFrom('webhook_delivery').selectAll().execute()).toEqual([]);
}

describeEngines('access requests', (engine) => {
  it('refuses forged role ids, unknown APIs and bad text without writing anything', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const inventoryRole = INVENTORY_APP.roles['Inventory.Read']!;
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: inventoryRole, justification })).rejects.toThrow(
      'That role is not a role of Orders API.',
    );
    await expect(
      submitRequest(db, ada, { apiId: 'orders', roleId: '11111111-2222-3333-4444-555555555555', justification }),
    ).rejects.toThrow('That role is not a role of Orders API.');
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: 'Orders.Read', justification })).rejects.toThrow(
      'Choose a role of this API.',
    );
    await expect(submitRequest(db, ada, { apiId: 'nope', roleId: readRoleId, justification })).rejects.toThrow(
      'There is no such API in the catalog.',
    );
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification: 'x'.repeat(1001) })).rejects.toThrow(
      'Keep the justification under 1000 characters.',
    );
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification: 'short' })).rejects.toThrow(
      /at least 10 characters/,
    );
    await expect(
      submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification: 'Needs\u0000hidden\u001b[8m text' }),
    ).rejects.toThrow(/control characters/);
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification, durationDays: 365 })).rejects.toThrow(
      'Choose a duration of at most 90 days.',
    );
    await nothingWritten(db);
  });

  it('stores script-laden text verbatim and defaults the duration to the rule’s longest', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const text = '<script>fetch("/steal?c="+document.cookie)</script> needed for the <b>audit</b>';
    const { requestId, status, created } = await submitRequest(db, ada, {
      apiId: 'orders',
      roleId: readRoleId,
      justification: `  ${text} `,
    });
    expect({ status, created }).toEqual({ status: 'pending', created: true });
    expect(await requestRow(db, requestId)).toMatchObject({
      justification: text,
      duration_days: 90,
      stage: 1,
      version: 1,
      role_value: 'Orders.Read',
      requester_oid: ada.oid,
    });
  });

  it('makes one request of a replayed submission, and refuses another user replaying its id', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const submissionId = '4a0b7c3e-9d2f-4e1a-8b6c-5d4e3f2a1b0c';
    const input = { apiId: 'orders', roleId: readRoleId, justification, submissionId };
    const results = await Promise.all([submitRequest(db, ada, input), submitRequest(db, ada, input)]);
    const again = await submitRequest(db, ada, input);
    expect(new Set([...results, again].map((r) => r.requestId))).toEqual(new Set([submissionId]));
    expect([...results, again].filter((r) => r.created)).toHaveLength(1);
    expect(await db.selectFrom('access_request').select('id').execute()).toHaveLength(1);
    expect(await db.selectFrom('audit_event').select('seq').execute()).toHaveLength(1);
    await expect(submitRequest(db, priya, input)).rejects.toThrow(
      'This form was already submitted. Reload the page to start a new request.',
    );
  });

  it('refuses a role the user holds in Entra or already has open', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await expect(submitRequest(db, ben, { apiId: 'orders', roleId: writeRoleId, justification })).rejects.toThrow(
      'You already hold Orders.Write on Orders API.',
    );
    await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    await expect(submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification })).rejects.toThrow(
      'You already have a pending request for Orders.Read.',
    );
  });

  it('lets exactly one of two concurrent approvals win; the other learns who decided', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    const outcomes = await Promise.allSettled([
      decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 }),
      decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 1 }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(String(lost[0]!.reason.message)).toMatch(/^This request was already decided by (Olivia Owens|Priya Natarajan) \(approved\)/);
    expect(await db.selectFrom('access_decision').select('id').execute()).toHaveLength(1);
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toHaveLength(1);
    expect(await requestRow(db, requestId)).toMatchObject({ status: 'approved', version: 2 });
  });

  it('needs two distinct approvers for a two-stage rule and never lets requesters decide their own', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, {
      apiId: 'orders',
      roleValue: 'Orders.Admin',
      autoApprove: false,
      stages: 2,
      maxDays: 30,
      groupId: null,
    });
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: adminRoleId, justification, durationDays: 7 });
    await expect(decideRequest(db, ben, requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow(
      'There is no such request, or it is not yours to see.',
    );
    await expect(decideRequest(db, ada, requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow(
      'You cannot approve your own request.',
    );
    expect(await decideRequest(db, olivia, requestId, { verdict: 'approve', note: 'fine by me', expectedVersion: 1 })).toEqual({
      status: 'pending',
      stage: 2,
      version: 2,
      outcome: 'stage-approved',
    });
    expect(await listApprovalQueue(db, olivia)).toEqual([]);
    await expect(decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 2 })).rejects.toThrow(
      'You approved an earlier stage; the next stage needs a different approver.',
    );
    expect(await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 2 })).toEqual({
      status: 'approved',
      stage: 2,
      version: 3,
      outcome: 'approved',
    });

    // The API's owner asking for a role of their own API: the admin decides, the owner cannot.
    const own = await submitRequest(db, olivia, { apiId: 'orders', roleId: readRoleId, justification });
    await expect(decideRequest(db, olivia, own.requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow(
      'You cannot approve your own request.',
    );
    await expect(decideRequest(db, priya, own.requestId, { verdict: 'reject', expectedVersion: 1 })).rejects.toThrow(
      'Say why you reject the request; the requester will read it.',
    );
    expect(
      (await decideRequest(db, priya, own.requestId, { verdict: 'reject', note: 'Use the read replica.', expectedVersion: 1 })).outcome,
    ).toBe('rejected');
    await expect(decideRequest(db, priya, own.requestId, { verdict: 'approve', expectedVersion: 2 })).rejects.toThrow(
      /already decided by Priya Natarajan \(rejected\)/,
    );
  });

  it('scopes queues, details and lists to the acting user', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    await submitRequest(db, ben, { apiId: 'inventory', roleId: INVENTORY_APP.roles['Inventory.Write']!, justification });

    expect((await listApprovalQueue(db, olivia)).map((r) => r.id)).toEqual([requestId]);
    expect(await countPendingForApprover(db, olivia)).toBe(1);
    expect(await countPendingForApprover(db, priya)).toBe(2);
    expect(await countPendingForApprover(db, ada)).toBe(0);
    // The badge stops counting at its cap.
    expect(await countPendingForApprover(db, priya, 1)).toBe(1);
    expect(await listApprovalQueue(db, priya, { apiId: 'inventory' })).toHaveLength(1);
    expect(await listApprovalQueue(db, priya, { olderThanDays: 1 })).toEqual([]);

    expect((await listMyRequests(db, ada)).map((r) => r.id)).toEqual([requestId]);
    expect(await getRequestForUser(db, ben, requestId)).toBeNull();
    expect(await getRequestForUser(db, ada, 'not-a-request')).toBeNull();
    const mine = await getRequestForUser(db, ada, requestId);
    expect(mine?.can).toEqual({ decide: false, cancel: true, revoke: false, retry: false });
    expect(mine?.timeline.map((e) => e.action)).toEqual(['request.submitted']);
    expect((await getRequestForUser(db, olivia, requestId))?.can.decide).toBe(true);

    await expect(cancelRequest(db, ben, requestId, 1)).rejects.toThrow('There is no such request, or it is not yours to see.');
    await expect(cancelRequest(db, olivia, requestId, 1)).rejects.toThrow('Only the requester can cancel a request.');
    await cancelRequest(db, ada, requestId, 1);
    expect((await requestRow(db, requestId)).status).toBe('cancelled');
    await expect(decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 2 })).rejects.toThrow(
      /changed while you were looking/,
    );

    await expect(listGrants(db, olivia)).rejects.toThrow('Only a portal admin can list every grant.');
    expect(await listGrants(db, priya, { status: ['cancelled'] })).toHaveLength(1);
  });

  it('offers each role with what it allows, whether it is held, and the open request', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const at = '2026-11-27T06:30:00.000Z';
    const operation = (id: string, method: string, requiredRoles: string[][]) => ({
      api_id: 'orders',
      id,
      display_name: id,
      method,
      url_template: `/${id}`,
      description: null,
      tag: null,
      parameters: '[]',
      request: '{}',
      access: JSON.stringify({ validatesToken: true, validations: [], requiredRoles, unknowns: [] }),
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('catalog_operation')
      .values([
        operation('list-orders', 'GET', [['Orders.Read', 'Orders.Write']]),
        operation('ship', 'POST', [['Orders.Write'], ['Orders.Admin']]),
      ])
      .execute();
    const { requestId } = await submitRequest(db, ben, { apiId: 'orders', roleId: readRoleId, justification });
    const form = await getRequestFormData(db, ben, 'orders');
    const byValue = Object.fromEntries((form?.roles ?? []).map((r) => [r.value, r]));
    expect(byValue['Orders.Read']).toMatchObject({
      held: false,
      openRequest: { id: requestId, status: 'pending' },
      durations: [7, 30, 90],
      allows: [{ id: 'list-orders', alsoNeeds: [] }],
    });
    expect(byValue['Orders.Write']).toMatchObject({ held: 'direct', openRequest: null });
    expect(byValue['Orders.Write']?.allows.map((o) => [o.id, o.alsoNeeds])).toEqual([
      ['list-orders', []],
      ['ship', [['Orders.Admin']]],
    ]);
    expect(await getRequestFormData(db, ben, 'nope')).toBeNull();
  });
});
