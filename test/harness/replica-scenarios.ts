// Two production servers on one PostgreSQL database behind one emulator: the scenarios the two-replica test asserts
// and `npm run bench -- --replicas` prints. Decisions are committed with the portal's own decideRequest on the shared
// database (what either replica's approve action runs); the replicas' workers do the provisioning.
import { hostname } from 'node:os';
import { addUsers } from '../../scripts/bench/access-bench';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { catalogSynced, eventually, olivia, ORDERS_APP, ORDERS_READ_ROLE, type ProductionWorld } from './production-world';

export interface ApprovalRound {
  approvals: number;
  active: number;
  /** Requests whose user holds the role more than once in Entra (must be 0). */
  duplicates: number;
  /** Requests whose user does not hold the role (must be 0). */
  missing: number;
  /** Jobs each replica was seen holding. */
  claimsByReplica: Record<string, number>;
  seconds: number;
}

export interface CrashRound extends ApprovalRound {
  /** Jobs the killed replica held at the moment of kill -9. */
  heldByKilled: number;
  /** From kill -9 to every request active. */
  recoverySeconds: number;
}

export const workerIdOf = (server: ProductionServer) => `${hostname()}:${server.child.pid}`;

/**
 * Waits until `victim` holds jobs while Graph is slow, lets its Graph calls go out, then kills it (SIGKILL) so the kill
 * lands between Graph's answer and the commit for some of them; Graph is fast again afterwards.
 */
export async function killHoldingJobs(
  world: ProductionWorld,
  victim: ProductionServer,
  jobs: string,
): Promise<{ held: number; killedAt: number }> {
  const db = await world.db();
  const victimId = workerIdOf(victim);
  const held = await eventually(`the victim to hold ${jobs}`, async () => {
    const rows = await db.selectFrom('provisioning_job').select('id').where('locked_by', '=', victimId).execute();
    return rows.length > 0 ? rows.length : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 1600));
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  world.emulator.faults.clear();
  return { held, killedAt };
}

export async function approveMany(world: ProductionWorld, prefix: string, count: number): Promise<{ ids: string[]; oids: string[] }> {
  const { submitRequest } = await import('@/lib/approvals/submit-request');
  const { decideRequest } = await import('@/lib/approvals/decide-request');
  const db = await world.db();
  const users = addUsers(world.emulator, prefix, count);
  const ids: string[] = [];
  for (const user of users) {
    const { requestId } = await submitRequest(db, user, {
      apiId: 'orders',
      roleId: ORDERS_READ_ROLE,
      justification: 'Replica test.',
      durationDays: 30,
    });
    ids.push(requestId);
  }
  await Promise.all(ids.map((id) => decideRequest(db, olivia, id, { verdict: 'approve', expectedVersion: 1 })));
  return { ids, oids: users.map((u) => u.oid.toLowerCase()) };
}

/** Samples which worker holds which job until `done` resolves. */
export function watchClaims(world: ProductionWorld, servers: ProductionServer[], done: Promise<unknown>): Promise<Record<string, number>> {
  const names = new Map(servers.map((s, i) => [workerIdOf(s), `replica ${i + 1}`]));
  const seen = new Map<string, string>();
  let finished = false;
  void done.finally(() => (finished = true));
  return (async () => {
    const db = await world.db();
    while (!finished) {
      const rows = await db.selectFrom('provisioning_job').select(['id', 'locked_by']).where('locked_by', 'is not', null).execute();
      for (const row of rows) seen.set(row.id, names.get(row.locked_by ?? '') ?? String(row.locked_by));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const counts: Record<string, number> = {};
    for (const name of seen.values()) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  })();
}

async function outcome(world: ProductionWorld, ids: string[], oids: string[]) {
  const db = await world.db();
  const rows = await db.selectFrom('access_request').select(['id', 'status']).where('id', 'in', ids).execute();
  const held = new Map<string, number>();
  for (const a of world.emulator.directory.assignmentsTo(ORDERS_APP.servicePrincipalId)) {
    if (a.appRoleId === ORDERS_READ_ROLE) held.set(a.principalId, (held.get(a.principalId) ?? 0) + 1);
  }
  return {
    active: rows.filter((r) => r.status === 'active').length,
    duplicates: oids.filter((oid) => (held.get(oid) ?? 0) > 1).length,
    missing: oids.filter((oid) => (held.get(oid) ?? 0) === 0).length,
  };
}

async function allActive(world: ProductionWorld, ids: string[], timeoutMs: number): Promise<void> {
  const db = await world.db();
  await eventually(
    `${ids.length} requests to become active`,
    async () => {
      const rows = await db.selectFrom('access_request').select('status').where('id', 'in', ids).where('status', '=', 'active').execute();
      return rows.length === ids.length;
    },
    timeoutMs,
    200,
  );
}

/** `count` approvals at once, provisioned by whichever replica claims each job. */
export async function concurrentApprovals(world: ProductionWorld, servers: ProductionServer[], count: number): Promise<ApprovalRound> {
  await catalogSynced(await world.db());
  // Each Graph call takes a little while, so both replicas' workers have jobs in hand at the same time.
  world.emulator.faults.apply({ latencyMs: { graph: 50 } });
  const started = Date.now();
  const { ids, oids } = await approveMany(world, `replicas-${Date.now()}`, count);
  const done = allActive(world, ids, 240_000);
  const claims = watchClaims(world, servers, done);
  await done;
  world.emulator.faults.clear();
  return { approvals: count, ...(await outcome(world, ids, oids)), claimsByReplica: await claims, seconds: (Date.now() - started) / 1000 };
}

/** Approvals while Graph is slow; replica `victim` is killed (SIGKILL) holding jobs; the others must finish them all. */
export async function crashMidProvisioning(
  world: ProductionWorld,
  servers: ProductionServer[],
  victim: ProductionServer,
  count: number,
): Promise<CrashRound> {
  await catalogSynced(await world.db());
  world.emulator.faults.apply({ latencyMs: { graph: 1500 } });
  const started = Date.now();
  const { ids, oids } = await approveMany(world, `crash-${Date.now()}`, count);
  const { held, killedAt } = await killHoldingJobs(world, victim, 'jobs');
  // The victim's locks expire after 120 s (the worker's lockMs); the survivors then claim and finish those jobs.
  const done = allActive(world, ids, 300_000);
  const claims = watchClaims(world, servers, done);
  await done;
  return {
    approvals: count,
    ...(await outcome(world, ids, oids)),
    claimsByReplica: await claims,
    seconds: (Date.now() - started) / 1000,
    heldByKilled: held,
    recoverySeconds: (Date.now() - killedAt) / 1000,
  };
}

/** Both replicas start their catalog sync together: the lease lets exactly one of them run it. */
export function syncRunsIn(servers: ProductionServer[]): number {
  return servers.filter((s) => s.lines.some((line) => line.includes('[catalog] sync succeeded'))).length;
}
