// Approval → assignment: latency of single grants, then many concurrent approvals while Graph fails some calls.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RunningEmulator } from '../../emulator/start';
import type { ScriptedFault } from '../../emulator/faults/fault-state';
import { ORDERS_APP, TENANT_DOMAIN, TENANT_ID } from '../../emulator/seed/demo-tenant';
import type { PortalUser } from '../../lib/auth/session';
import type { Database } from '../../lib/db/types';
import { demoUser } from '../../test/harness/access-fixture';
import { percentile } from './numbers';

export interface AccessResults {
  latencyMs: number[];
  p50: number;
  p95: number;
  /** Concurrent approvals with no faults: the provisioning worker's own throughput. */
  healthy: RoundResult;
  concurrent: RoundResult;
}

export interface RoundResult {
  approvals: number;
  created: number;
  duplicates: number;
  lost: number;
  failed: number;
  seconds: number;
  faultsInjected: number;
  faultsLeft: number;
}

interface RoundOptions {
  roles: { id: string }[];
  count: number;
  script: ScriptedFault[];
  submit(user: PortalUser, roleId: string): Promise<{ requestId: string }>;
  decide(requestId: string): Promise<unknown>;
}

/** `count` requests for distinct (new user, role) pairs, approved all at once; counts what reached Entra. */
async function concurrentRound(emulator: RunningEmulator, database: Kysely<Database>, o: RoundOptions): Promise<RoundResult> {
  const people = addUsers(emulator, `many${o.script.length > 0 ? '-faults' : ''}`, Math.ceil(o.count / o.roles.length));
  const pairs = people.flatMap((user) => o.roles.map((role) => ({ user, roleId: role.id }))).slice(0, o.count);
  const ids = (await inBatches(pairs, 25, (p) => o.submit(p.user, p.roleId))).map((s) => s.requestId);
  const faultsInjected = o.script.reduce((n, f) => n + f.times, 0);
  emulator.faults.apply({ script: o.script });
  const started = performance.now();
  await Promise.all(ids.map((id) => o.decide(id)));
  const waited = await waitForTerminal(database, ids, 300_000, 50);
  const seconds = (performance.now() - started) / 1000;
  const faultsLeft = emulator.faults.snapshot().script.reduce((n, f) => n + f.times, 0);

  const rows = await statusOf(database, ids);
  const principals = new Set(people.map((p) => p.oid.toLowerCase()));
  const inGraph = [...emulator.directory.assignments.values()].filter(
    (a) => principals.has(a.principalId) && a.resourceId === ORDERS_APP.servicePrincipalId,
  );
  const distinctPairs = new Set(inGraph.map((a) => `${a.principalId}|${a.appRoleId}`));
  const activations = await database
    .selectFrom('audit_event')
    .select(['subject_id'])
    .where('action', '=', 'request.activated')
    .where('subject_id', 'in', ids)
    .execute();
  const activatedTwice = activations.length - new Set(activations.map((a) => a.subject_id)).size;
  const graphIds = new Set(inGraph.map((a) => a.id));
  // Lost: approved but never finished, or marked active without the assignment existing in Entra.
  const unfinished = rows.filter((r) => r.status !== 'active' && r.status !== 'failed').length;
  const phantom = rows.filter((r) => r.status === 'active' && (!r.assignment_id || !graphIds.has(r.assignment_id))).length;
  return {
    approvals: ids.length,
    created: inGraph.length,
    duplicates: inGraph.length - distinctPairs.size + activatedTwice,
    lost: unfinished + phantom,
    failed: rows.filter((r) => r.status === 'failed').length,
    seconds: Number.isFinite(waited) ? seconds : Number.NaN,
    faultsInjected,
    faultsLeft,
  };
}

const approver = demoUser('olivia') as PortalUser;

/** Adds people to the emulator's directory, as an HR feed would. */
export function addUsers(emulator: RunningEmulator, prefix: string, count: number): PortalUser[] {
  return Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const upn = `${prefix}-${i}@${TENANT_DOMAIN}`;
    const name = `Bench ${prefix} ${i}`;
    emulator.directory.users.set(id, {
      id,
      userPrincipalName: upn,
      displayName: name,
      givenName: null,
      surname: null,
      mail: upn,
      jobTitle: 'Developer',
      password: 'unused',
    });
    return { oid: id, tid: TENANT_ID, name, upn, portalRoles: [], isAdmin: false };
  });
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

async function statusOf(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('access_request')
    .select(['id', 'status', 'assignment_id', 'requester_oid', 'role_id'])
    .where('id', 'in', ids)
    .execute();
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

export async function measureAccess(
  emulator: RunningEmulator,
  options: { apiId: string; singles: number; healthy: number; concurrent: number },
): Promise<AccessResults> {
  const { db } = await import('../../lib/db/portal-database');
  const { submitRequest } = await import('../../lib/approvals/submit-request');
  const { decideRequest } = await import('../../lib/approvals/decide-request');
  const { startProvisioningWorker } = await import('../../lib/provisioning/provisioning-worker');
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

    // Many approvals at once: first with a healthy Graph (the worker's own pace), then while Graph throttles and fails calls.
    const round = (count: number, script: ScriptedFault[]) =>
      concurrentRound(emulator, database, {
        roles,
        count,
        script,
        submit,
        decide: (id) => decideRequest(database, approver, id, { verdict: 'approve', expectedVersion: 1 }),
      });
    const healthy = await round(options.healthy, []);
    const concurrent = await round(options.concurrent, [
      { surface: 'graph', kind: '429', times: 40, retryAfterSeconds: 1 },
      { surface: 'graph', method: 'POST', pathContains: 'appRoleAssignments', kind: '503', times: 40 },
      { surface: 'graph', method: 'GET', pathContains: 'appRoleAssignments', kind: '503', times: 20 },
    ]);
    return { latencyMs, p50: percentile(latencyMs, 50), p95: percentile(latencyMs, 95), healthy, concurrent };
  } finally {
    await worker.stop();
  }
}
