// `npm run bench -- --replicas`: the two-replica figures. Two production servers (the standalone build, as the image
// runs it) on one PostgreSQL database behind one emulator: concurrent approvals, then kill -9 of one mid-provisioning,
// then of a replacement replica mid-revocation, then of another mid-catalog-sync (with a 6 s sync lease stale bound).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { STANDALONE_PORTS } from '../standalone/standalone-ports';
import { startProductionWorld } from '../../test/harness/production-world';
import { concurrentApprovals, crashMidProvisioning, syncRunsIn } from '../../test/harness/replica-scenarios';
import { crashMidRevocation } from '../../test/harness/replica-revocation';
import { adminRefresher, crashMidCatalogSync } from '../../test/harness/replica-catalog-sync';

const APPROVALS = 200;
const CRASH_APPROVALS = 40;
const PORTS = [STANDALONE_PORTS.extra(20), STANDALONE_PORTS.extra(21), STANDALONE_PORTS.extra(22), STANDALONE_PORTS.extra(23)] as const;
const LEASE_STALE_SECONDS = 6;

export async function runReplicaBench(options: { build: boolean }): Promise<number> {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('Two-replica figures not measured: TEST_DATABASE_URL is not set (replicas share a PostgreSQL database).');
    return 0;
  }
  if (options.build) {
    const built = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' });
    if (built.status !== 0) return built.status ?? 1;
  }
  const extraRedirectUris = PORTS.map((port) => `https://localhost:${port}/api/auth/callback/azure-ad`);
  // 40 generated APIs besides the demo tenant's, so a full sync on slow ARM lasts long enough to be killed in.
  const world = await startProductionWorld({ engine: 'postgres', emulator: { extraRedirectUris, seed: { apis: 40, operations: 3 } } });
  const extra = { CATALOG_SYNC_LEASE_STALE_SECONDS: String(LEASE_STALE_SECONDS) };
  try {
    const servers = await Promise.all(PORTS.slice(0, 2).map((port) => world.startServer(port, extra)));
    const many = await concurrentApprovals(world, servers, APPROVALS);
    console.log('\n## Two replicas (--replicas)');
    console.log(`Start-up catalog sync run by ${syncRunsIn(servers)} of 2 replicas (the lease admits one).`);
    console.log(
      `${many.approvals} concurrent approvals: ${many.active} active, ${many.duplicates} duplicate and ${many.missing} missing assignments in Entra, ` +
        `in ${many.seconds.toFixed(1)} s; jobs claimed per replica: ${JSON.stringify(many.claimsByReplica)}.`,
    );
    const [victim, survivor] = servers;
    const crash = await crashMidProvisioning(world, [survivor!], victim!, CRASH_APPROVALS);
    console.log(
      `kill -9 of replica 1 holding ${crash.heldByKilled} jobs during ${crash.approvals} approvals: ${crash.active} active, ${crash.duplicates} duplicate, ` +
        `${crash.missing} missing; all finished ${crash.recoverySeconds.toFixed(1)} s after the kill (job locks last 120 s).`,
    );
    const replacement = await world.startServer(PORTS[2], extra);
    const revoke = await crashMidRevocation(world, [survivor!], replacement, CRASH_APPROVALS);
    console.log(
      `kill -9 of a replica holding ${revoke.heldByKilled} revoke jobs during ${revoke.revocations} revocations: ${revoke.revoked} revoked, ` +
        `${revoke.stillHeld} still held in Entra, ${revoke.notOnce} not revoked exactly once; all finished ${revoke.recoverySeconds.toFixed(1)} s after the kill.`,
    );
    const another = await world.startServer(PORTS[3], extra);
    const sync = await crashMidCatalogSync(world, another, survivor!, await adminRefresher(world, survivor!));
    console.log(
      `kill -9 of a replica mid-catalog-sync: the other took the lease over and finished the sync (${sync.takenOver.status}, ${sync.missing} APIs missing, ${sync.stale} stale) ` +
        `${sync.takeoverSeconds.toFixed(1)} s after the kill (lease stale bound ${LEASE_STALE_SECONDS} s; default 120 s); ${sync.skippedAttempts} earlier attempts skipped.`,
    );
    return 0;
  } finally {
    await world.close();
  }
}
