// Per-test setup shared by the access integration suites: a migrated database with the catalog, a clean tenant.
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { PortalUser } from '@/lib/auth/session';
import { db as portalDb } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { forgetHeldRoles } from '@/lib/directory/held-roles';
import { submitRequest } from '@/lib/approvals/submit-request';
import { decideRequest } from '@/lib/approvals/decide-request';
import { saveApprovalRule } from '@/lib/approvals/approval-rules';
import { addGroup } from './directory-groups';
import { ada, olivia, priya, readRoleId } from './access-people';
import { GROUPS, ORDERS_APP, seedCatalog, startAccessFixture, USERS, type AccessFixture } from './access-fixture';

const STAFF_GROUP_ID = 'e7f1a3b5-00ff-4c2d-8e9f-0000000000ff';
export const worker = { workerId: 'test-worker', baseDelayMs: 5, maxDelayMs: 20, pollMs: 60_000 };

/** Starts the emulator for the file and resets the tenant after each test; returns a getter for it. */
export function withTenant(): () => AccessFixture {
  let fixture: AccessFixture | undefined;
  beforeAll(async () => {
    fixture = await startAccessFixture();
    // Every demo user is in a staff group, as in most tenants (the emulator refuses $select on an empty memberOf list).
    addGroup(fixture.emulator.directory, {
      id: STAFF_GROUP_ID,
      displayName: 'All staff',
      members: Object.values(USERS).map((u) => u.oid),
    });
    // getHeldRoles reads the portal's own database for the catalog, so it gets the same rows.
    await seedCatalog(await portalDb());
  });
  afterEach(async () => {
    const dir = fixture!.emulator.directory;
    const initial = USERS.ben.oid;
    for (const a of dir.assignmentsTo(ORDERS_APP.servicePrincipalId))
      if (a.principalId !== initial && a.principalType === 'User') dir.unassign(a.id);
    dir.groups.get(GROUPS.ordersWriters.id)?.members.clear();
    await fetch(`${fixture!.emulator.urls.authorityHost}/_emulator/faults`, { method: 'DELETE' });
    for (const user of Object.values(USERS)) forgetHeldRoles(user.oid);
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  return () => fixture!;
}

export async function prepare(db: Kysely<Database>): Promise<void> {
  await seedCatalog(db);
}

/** An approval rule for one Orders role, saved by priya (an admin); no grant group unless one is named. */
export function saveOrdersRule(
  db: Kysely<Database>,
  roleValue: string,
  rule: { autoApprove: boolean; stages: number; maxDays: number | null; groupId?: string },
) {
  return saveApprovalRule(db, priya, { apiId: 'orders', roleValue, groupId: null, ...rule });
}

/** The rule that grants Orders.Write through membership of the Orders writers group, saved by priya (an admin). */
export async function grantOrdersWriteThroughGroup(db: Kysely<Database>): Promise<void> {
  await saveOrdersRule(db, 'Orders.Write', { autoApprove: false, stages: 1, maxDays: 30, groupId: GROUPS.ordersWriters.id });
}

/** A request by `who` approved by olivia (the Orders owner), with its job queued. */
export async function approvedRequest(db: Kysely<Database>, who: PortalUser = ada, roleId = readRoleId): Promise<string> {
  const { requestId } = await submitRequest(db, who, {
    apiId: 'orders',
    roleId,
    justification: 'Building the checkout flow.',
    durationDays: 30,
  });
  await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
  return requestId;
}

export async function requestRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('access_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
