// Rule: on SIGTERM a production server stops claiming jobs, finishes or releases the one in flight (never leaves it leased), and exits within ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS.
import { STANDALONE_PORTS } from '../../scripts/standalone/standalone-ports';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUsers } from '../../scripts/bench/access-bench';
import {
  catalogSynced,
  eventually,
  olivia,
  ORDERS_APP,
  ORDERS_READ_ROLE,
  startProductionWorld,
  type ProductionWorld,
} from '../harness/production-world';

const BOUND_SECONDS = 6;
// Process exit itself (closing sockets, the event loop draining) on a busy machine.
const EXIT_SLACK_MS = 1500;
const PORTS = { first: STANDALONE_PORTS.extra(0), second: STANDALONE_PORTS.extra(1), third: STANDALONE_PORTS.extra(2) };

let world: ProductionWorld;

beforeAll(async () => {
  world = await startProductionWorld({ engine: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite' });
});
afterAll(async () => world?.close());

/** A new user's request for Orders.Read, approved by the API's owner: its assign job is queued. */
async function approvedRequest(prefix: string): Promise<{ requestId: string; oid: string }> {
  const { submitRequest } = await import('@/lib/approvals/submit-request');
  const { decideRequest } = await import('@/lib/approvals/decide-request');
  const db = await world.db();
  const [user] = addUsers(world.emulator, prefix, 1);
  const { requestId } = await submitRequest(db, user!, {
    apiId: 'orders',
    roleId: ORDERS_READ_ROLE,
    justification: 'Shutdown test.',
    durationDays: 30,
  });
  await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
  return { requestId, oid: user!.oid };
}

async function jobOf(requestId: string) {
  const db = await world.db();
  return db.selectFrom('provisioning_job').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

async function statusOf(requestId: string) {
  const db = await world.db();
  return (await db.selectFrom('access_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status;
}

const assignmentsOf = (oid: string) =>
  [...world.emulator.directory.assignments.values()].filter(
    (a) => a.principalId === oid.toLowerCase() && a.resourceId === ORDERS_APP.servicePrincipalId,
  );

it('finishes the job in flight when it completes within the bound, then exits 0', async () => {
  const server = await world.startServer(PORTS.first, { ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS: String(BOUND_SECONDS) });
  await catalogSynced(await world.db());
  // Graph answers, but slowly: the assignment is in flight when SIGTERM arrives.
  world.emulator.faults.apply({ latencyMs: { graph: 2000 } });
  const { requestId, oid } = await approvedRequest('shutdown-finish');
  await eventually('the server to claim the job', async () => (await jobOf(requestId))?.locked_by?.includes(':'));
  const sent = Date.now();
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  world.emulator.faults.clear();

  expect(exit.code).toBe(0);
  expect(exit.at - sent).toBeLessThan(BOUND_SECONDS * 1000 + EXIT_SLACK_MS);
  expect(await jobOf(requestId)).toBeUndefined();
  expect(await statusOf(requestId)).toBe('active');
  expect(assignmentsOf(oid)).toHaveLength(1);
  const events = server.lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; releasedJobs?: number });
  expect(events.find((e) => e.msg === 'stopped')?.releasedJobs).toBe(0);
});

it('releases a job whose Graph call outlasts the bound, exits within it, and another server finishes the job exactly once', async () => {
  const server = await world.startServer(PORTS.second, { ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS: String(BOUND_SECONDS) });
  // The assignment call never answers.
  world.emulator.faults.apply({
    script: [{ surface: 'graph', method: 'POST', pathContains: '/appRoleAssignedTo', kind: 'timeout', times: 1 }],
  });
  const { requestId, oid } = await approvedRequest('shutdown-release');
  await eventually('the server to claim the job', async () => (await jobOf(requestId))?.locked_by?.includes(':'));
  // Let the POST reach Graph.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const sent = Date.now();
  server.child.kill('SIGTERM');
  const exit = await server.exited;

  expect(exit.at - sent).toBeLessThan(BOUND_SECONDS * 1000 + EXIT_SLACK_MS);
  expect(exit.code).toBe(1);
  const job = await jobOf(requestId);
  expect(job).toMatchObject({ locked_by: null, locked_until: null });
  expect(await statusOf(requestId)).toBe('provisioning');
  expect(server.lines.some((line) => line.includes('"msg":"shutdown bound reached"') && line.includes('"releasedJobs":1'))).toBe(true);

  // A replica that starts next takes the released job at once (not after the 120 s lock) and grants exactly once.
  const next = await world.startServer(PORTS.third);
  await eventually('the next server to finish the job', async () => (await statusOf(requestId)) === 'active', 30_000);
  expect(await jobOf(requestId)).toBeUndefined();
  expect(assignmentsOf(oid)).toHaveLength(1);
  await next.stop();
});
