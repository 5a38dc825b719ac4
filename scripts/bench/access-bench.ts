// Approval → assignment: latency of single grants, then many concurrent approvals while Graph fails some calls.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RunningEmulator } from '../../emulator/start';
import { ORDERS_APP, TENANT_DOMAIN, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import type { PortalUser } from '../../lib/auth/session';
import type { Database } from '../../lib/db/types';
import { percentile } from './numbers';

export interface AccessResults {
  latencyMs: number[];
  p50: number;
  p95: number;
  concurrent: { approvals: number; created: number; duplicates: number; lost: number; failed: number; seconds: number; faultsInjected: number; faultsLeft: number };
}

const approver: PortalUser = {
  oid: USERS.olivia.oid, tid: TENANT_ID, name: USERS.olivia.displayName, upn: USERS.olivia.userPrincipalName, portalRoles: [], isAdmin: false,
};

/** Adds people to the emulator's directory, as an HR feed would. */
function addUsers(emulator: RunningEmulator, prefix: string, count: number): PortalUser[] {
  return Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const upn = `${prefix}-${i}@${TENANT_DOMAIN}`;
    const name = `Bench ${prefix} ${i}`;
    emulator.directory.users.set(id, { id, userPrincipalName: upn, displayName: name, givenName: null, surname: null, mail: upn, jobTitle: 'Developer', password: 'unused' });
    return { oid: id, tid: TENANT_ID, name, upn, portalRoles: [], isAdmin: false };
  });
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

async function statusOf(db: Kysely<Database>, ids: string[]) {
  return db.selectFrom('access_request').select(['id', 'status', 'assignment_id', 'requester_oid', 'role_id']).where('id', 'in', ids).execute();
}

async function waitForTerminal(db: Kysely<Database>, ids: string[], timeoutMs: number, pollMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const rows = await statusOf(db, ids);
    if (rows.every((r) => r.status === 'active' || r.status === 'failed')) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return Number.NaN;
}

export async function measureAccess(emulator: RunningEmulator, options: { apiId: string; singles: number; concurrent: number }): Promise<AccessResults> {
  const { db } = await import('../../lib/db/portal-database');
  const { submitRequest } = await import('../../lib/access/submit-request');
  const { decideRequest } = await import('../../lib/access/decide-request');
  const { startProvisioningWorker } = await import('../../lib/access/provisioning-worker');
  const { getIndexedApp } = await import('../../lib/catalog/read-index');
  const database = await db();
  const app = await getIndexedApp(database, ORDERS_APP.appId);
  const roles = (app?.appRoles ?? []).filter((r) => r.isEnabled && r.allowedMemberTypes.includes('User'));
  if (roles.length === 0) throw new Error('the Orders app is not indexed with user-assignable roles');
  const worker = startProvisioningWorker(database, { workerId: 'bench', pollMs: 2000 });
  try {
    const submit = (user: PortalUser, roleId: string) =>
      submitRequest(database, user, { apiId: options.apiId, roleId, justification: 'Load test of the approval path.', durationDays: 30 });

    // One approval at a time: decision committed → request active.
    const latencyMs: number[] = [];
    for (const user of addUsers(emulator, 'single', options.singles)) {
      const { requestId } = await submit(user, (roles[0] as { id: string }).id);
      await decideRequest(database, approver, requestId, { verdict: 'approve', expectedVersion: 1 });
      const waited = await waitForTerminal(database, [requestId], 30_000, 2);
      const [row] = await statusOf(database, [requestId]);
      if (row?.status !== 'active') throw new Error(`request ${requestId} ended ${row?.status ?? 'missing'}, not active`);
      latencyMs.push(waited);
    }

    // Many approvals at once while Graph throttles and fails some calls.
    const perUser = roles.length;
    const people = addUsers(emulator, 'many', Math.ceil(options.concurrent / perUser));
    const pairs = people.flatMap((user) => roles.map((role) => ({ user, roleId: role.id }))).slice(0, options.concurrent);
    const submitted = await inBatches(pairs, 25, (p) => submit(p.user, p.roleId));
    const ids = submitted.map((s) => s.requestId);
    const script = [
      { surface: 'graph' as const, kind: '429' as const, times: 40, retryAfterSeconds: 1 },
      { surface: 'graph' as const, method: 'POST', pathContains: 'appRoleAssignments', kind: '503' as const, times: 40 },
      { surface: 'graph' as const, method: 'GET', pathContains: 'appRoleAssignments', kind: '503' as const, times: 20 },
    ];
    const faultsInjected = script.reduce((n, f) => n + f.times, 0);
    emulator.faults.apply({ script });
    const started = performance.now();
    await Promise.all(ids.map((id) => decideRequest(database, approver, id, { verdict: 'approve', expectedVersion: 1 })));
    const waited = await waitForTerminal(database, ids, 240_000, 50);
    const seconds = (performance.now() - started) / 1000;
    const faultsLeft = emulator.faults.snapshot().script.reduce((n, f) => n + f.times, 0);

    const rows = await statusOf(database, ids);
    const principals = new Set(people.map((p) => p.oid.toLowerCase()));
    const graphAssignments = [...emulator.directory.assignments.values()].filter((a) => principals.has(a.principalId) && a.resourceId === ORDERS_APP.servicePrincipalId);
    const distinctPairs = new Set(graphAssignments.map((a) => `${a.principalId}|${a.appRoleId}`));
    const activations = await database
      .selectFrom('audit_event')
      .select(['subject_id'])
      .where('action', '=', 'request.activated')
      .where('subject_id', 'in', ids)
      .execute();
    const activatedTwice = activations.length - new Set(activations.map((a) => a.subject_id)).size;
    const graphIds = new Set(graphAssignments.map((a) => a.id));
    const lost = rows.filter((r) => r.status !== 'active' && r.status !== 'failed').length + rows.filter((r) => r.status === 'active' && (!r.assignment_id || !graphIds.has(r.assignment_id))).length;
    return {
      latencyMs,
      p50: percentile(latencyMs, 50),
      p95: percentile(latencyMs, 95),
      concurrent: {
        approvals: ids.length,
        created: graphAssignments.length,
        duplicates: graphAssignments.length - distinctPairs.size + activatedTwice,
        lost,
        failed: rows.filter((r) => r.status === 'failed').length,
        seconds: Number.isFinite(waited) ? seconds : Number.NaN,
        faultsInjected,
        faultsLeft,
      },
    };
  } finally {
    await worker.stop();
  }
}
