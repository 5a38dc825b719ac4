// kill -9 of a replica in the middle of revocations: the proof that the other replica removes every role exactly once.
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { catalogSynced, eventually, olivia, ORDERS_APP, ORDERS_READ_ROLE, type ProductionWorld } from './production-world';
import { approveMany, killHoldingJobs, watchClaims } from './replica-scenarios';

export interface RevocationCrashRound {
  revocations: number;
  revoked: number;
  /** Users who still hold the role in Entra (must be 0). */
  stillHeld: number;
  /** Requests with other than exactly one `request.revoked` audit event (must be 0). */
  notOnce: number;
  heldByKilled: number;
  claimsByReplica: Record<string, number>;
  recoverySeconds: number;
}

/** `count` active grants revoked at once while Graph is slow; `victim` is killed (SIGKILL) holding revoke jobs. */
export async function crashMidRevocation(
  world: ProductionWorld,
  servers: ProductionServer[],
  victim: ProductionServer,
  count: number,
): Promise<RevocationCrashRound> {
  const db = await world.db();
  await catalogSynced(db);
  const { ids, oids } = await approveMany(world, `revoke-${Date.now()}`, count);
  await eventually(`${count} grants to become active`, async () => {
    const rows = await db.selectFrom('access_request').select('id').where('id', 'in', ids).where('status', '=', 'active').execute();
    return rows.length === count || undefined;
  });
  const { revokeGrant } = await import('@/lib/provisioning/revoke-grant');
  world.emulator.faults.apply({ latencyMs: { graph: 1500 } });
  const versions = await db.selectFrom('access_request').select(['id', 'version']).where('id', 'in', ids).execute();
  await Promise.all(versions.map((r) => revokeGrant(db, olivia, r.id, { reason: 'Replica test.', expectedVersion: Number(r.version) })));
  const { held, killedAt } = await killHoldingJobs(world, victim, 'revoke jobs');
  const done = eventually(
    `${count} grants to be revoked`,
    async () => {
      const rows = await db.selectFrom('access_request').select('id').where('id', 'in', ids).where('status', '=', 'revoked').execute();
      return rows.length === count || undefined;
    },
    300_000,
    200,
  );
  const claims = watchClaims(world, servers, done);
  await done;
  const revoked = await db.selectFrom('access_request').select('id').where('id', 'in', ids).where('status', '=', 'revoked').execute();
  const stillHeld = new Set(
    world.emulator.directory
      .assignmentsTo(ORDERS_APP.servicePrincipalId)
      .filter((a) => a.appRoleId === ORDERS_READ_ROLE)
      .map((a) => a.principalId),
  );
  const events = await db
    .selectFrom('audit_event')
    .select('subject_id')
    .where('action', '=', 'request.revoked')
    .where('subject_id', 'in', ids)
    .execute();
  const perRequest = new Map<string, number>();
  for (const e of events) perRequest.set(e.subject_id, (perRequest.get(e.subject_id) ?? 0) + 1);
  return {
    revocations: count,
    revoked: revoked.length,
    stillHeld: oids.filter((oid) => stillHeld.has(oid)).length,
    notOnce: ids.filter((id) => perRequest.get(id) !== 1).length,
    heldByKilled: held,
    claimsByReplica: await claims,
    recoverySeconds: (Date.now() - killedAt) / 1000,
  };
}
