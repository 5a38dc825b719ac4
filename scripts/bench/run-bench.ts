// The benchmark's steps, in order; every process and server it starts is stopped on the way out.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { USERS } from '../../emulator/seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../../emulator/start';
import type { Database } from '../../lib/db/types';
import { measureAccess } from './access-bench';
import { waitForFullSync } from './catalog-sync';
import { signIn, type HttpSession } from './http-session';
import { ms, percentile, summaryTable, type SummaryRow } from './numbers';
import { measurePages } from './page-timings';
import { buildPortal, startPortal, type BenchPaths, type RunningPortal } from './portal-process';

const SCALE = { apis: 500, operations: 10 };
const LATENCY_MS = 100;
const THROTTLE = { burst: 250, refillPerSecond: 25 };
const SESSIONS = 10;
const WARM_VIEWS = 20;
const BASE_PORT = 10443;

const paths: BenchPaths = {
  distDir: '.next-bench',
  dataDir: '.data/bench',
  emulatorFile: path.resolve('.local/emulator-bench.json'),
  caPem: path.resolve('.local/ca.pem'),
  port: 3200,
};

/** Counts ARM reads the throttle let through and those it refused (the stats endpoint counts both as requests). */
function countArmReads(emulator: RunningEmulator) {
  const counts = { allowed: 0, throttled: 0 };
  const take = emulator.faults.takeArmRead.bind(emulator.faults);
  emulator.faults.takeArmRead = () => {
    const taken = take();
    if (taken?.ok) counts.allowed++;
    else if (taken) counts.throttled++;
    return taken;
  };
  return {
    counts,
    reset: () => {
      counts.allowed = 0;
      counts.throttled = 0;
    },
  };
}

function surfaceTotals(emulator: RunningEmulator) {
  const { surfaces } = emulator.stats.snapshot();
  return { arm: surfaces.arm?.total ?? 0, graph: surfaces.graph?.total ?? 0, entra: surfaces.entra?.total ?? 0 };
}

const ratio = (value: number, unit: number) => value / unit;

export async function runBench(options: { build: boolean }): Promise<number> {
  // The portal's modules loaded in this process read the same configuration as the server.
  process.env.ROLEPORT_EMULATOR_FILE = paths.emulatorFile;
  process.env.ROLEPORT_DATA_DIR = paths.dataDir;
  process.env.PORT = String(paths.port);
  const started = Date.now();
  let emulator: RunningEmulator | undefined;
  let portal: RunningPortal | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  const cleanUp = async () => {
    await portal?.stop().catch(() => undefined);
    await closeDb?.().catch(() => undefined);
    await emulator?.stop().catch(() => undefined);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark.`);
    void cleanUp().finally(() => process.exit(1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    buildPortal(paths, !options.build);
    emulator = await startEmulator({
      ports: { entra: BASE_PORT, graph: BASE_PORT + 1, arm: BASE_PORT + 2, gateway: BASE_PORT + 3 },
      seed: SCALE,
      latencyMs: { arm: LATENCY_MS, graph: LATENCY_MS },
      armThrottle: THROTTLE,
      writeConnectionFile: true,
      connectionFile: paths.emulatorFile,
      extraRedirectUris: [`http://localhost:${paths.port}/api/auth/callback/azure-ad`],
    });
    const armReads = countArmReads(emulator);
    console.log(`Emulator: ${SCALE.apis} generated APIs × ${SCALE.operations} operations, ${LATENCY_MS} ms per ARM/Graph call, ARM reads throttled (burst ${THROTTLE.burst}, ${THROTTLE.refillPerSecond}/s).`);

    // 1. The unit.
    const { measureRoundTrips } = await import('./round-trip');
    const trip = await measureRoundTrips(emulator);
    console.log(`One round trip (median of 20): ARM GET ${trip.armMs.toFixed(1)} ms, Graph GET ${trip.graphMs.toFixed(1)} ms.`);
    const unit = Math.max(trip.armMs, trip.graphMs);
    // Let the throttle bucket refill before the portal's sync starts.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    emulator.stats.reset();
    armReads.reset();

    // 2. The portal and its start-up sync of the whole catalog.
    portal = await startPortal(paths);
    console.log(`Portal: ${portal.url} (production build in ${paths.distDir}, database ${paths.dataDir}). Waiting for the full catalog sync ...`);
    const { portalDatabase } = await import('../../lib/db/portal-database');
    const database = await portalDatabase();
    closeDb = database.close;
    const db: Kysely<Database> = database.db;
    const sync = await waitForFullSync(db, portal.lines, 20 * 60_000, () => {
      const t = surfaceTotals(emulator as RunningEmulator);
      console.log(`  ... ${Math.round((Date.now() - started) / 1000)} s: ${armReads.counts.allowed} ARM reads served, ${armReads.counts.throttled} throttled, ${t.graph} Graph calls`);
    });
    const syncTotals = surfaceTotals(emulator);
    const throttleFloorS = Math.max(0, armReads.counts.allowed - THROTTLE.burst) / THROTTLE.refillPerSecond;
    const syncRatio = sync.durationMs / 1000 / throttleFloorS;
    console.log(`Full sync ${sync.status}${sync.error ? ` (${sync.error})` : ''}: ${sync.apis} APIs in ${(sync.durationMs / 1000).toFixed(1)} s; ` +
      `portal counted ${sync.armCalls} ARM + ${sync.graphCalls} Graph calls; emulator saw ${syncTotals.arm} ARM requests (${armReads.counts.allowed} reads served, ${armReads.counts.throttled} refused with 429) and ${syncTotals.graph} Graph requests.`);
    console.log(`Throttle-bound minimum: (${armReads.counts.allowed} − ${THROTTLE.burst}) / ${THROTTLE.refillPerSecond} = ${throttleFloorS.toFixed(1)} s → ratio ${syncRatio.toFixed(2)}.`);
    if (sync.status !== 'succeeded') throw new Error(`the full sync ${sync.status}: ${sync.error ?? ''}`);

    // 3. Pages under concurrent users.
    const people = [USERS.ada, USERS.ben, USERS.olivia, USERS.priya];
    const sessions: HttpSession[] = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => signIn(portal!.url, people[i % people.length]!.oid)));
    const apiIds = Array.from({ length: SESSIONS }, (_, i) => `gen-api-${String(1 + i * 37).padStart(4, '0')}`);
    emulator.stats.reset();
    const pages = await measurePages(portal.url, sessions, apiIds, WARM_VIEWS);
    const pageTotals = surfaceTotals(emulator);
    const pageRows = (['catalogCold', 'apiCold', 'catalogWarm', 'apiWarm'] as const).map((key) => ({
      key, n: pages[key].length, p50: percentile(pages[key], 50), p95: percentile(pages[key], 95),
    }));
    for (const r of pageRows) console.log(`  ${r.key.padEnd(12)} n=${r.n}  p50 ${ms(r.p50)} (${ratio(r.p50, unit).toFixed(2)}×)  p95 ${ms(r.p95)} (${ratio(r.p95, unit).toFixed(2)}×)`);
    console.log(`  Azure calls while ${SESSIONS} users viewed ${SESSIONS * (2 + 2 * WARM_VIEWS)} pages: ${pageTotals.graph} Graph, ${pageTotals.arm} ARM, ${pageTotals.entra} Entra.`);

    // 4. One API refreshed, as the admin's refresh button does.
    const { syncOneApi } = await import('../../lib/catalog/sync-catalog');
    emulator.stats.reset();
    const one = await syncOneApi(db, 'gen-api-0042');
    const oneTotals = surfaceTotals(emulator);
    console.log(`One-API refresh ${one.status}: ${one.armCalls} ARM + ${one.graphCalls} Graph calls (emulator saw ${oneTotals.arm} ARM, ${oneTotals.graph} Graph) in ${one.durationMs} ms.`);

    // 5. Access: the portal stops so this process's provisioning worker is the only one.
    await portal.stop();
    portal = undefined;
    const access = await measureAccess(emulator, { apiId: 'gen-api-0001', singles: 20, concurrent: 200 });
    const c = access.concurrent;
    console.log(`Approval → active (n=${access.latencyMs.length}): p50 ${ms(access.p50)} (${ratio(access.p50, trip.graphMs).toFixed(2)}×), p95 ${ms(access.p95)} (${ratio(access.p95, trip.graphMs).toFixed(2)}×) of one Graph round trip.`);
    console.log(`${c.approvals} concurrent approvals with ${c.faultsInjected} Graph faults scripted (${c.faultsLeft} unused): ${c.created} assignments, ${c.duplicates} duplicates, ${c.lost} lost, ${c.failed} failed, ${c.seconds.toFixed(1)} s.`);

    const rows: SummaryRow[] = [
      { name: 'Full sync / throttle-bound minimum', value: syncRatio, unit: '×', target: 1.2, kind: 'max', detail: `${(sync.durationMs / 1000).toFixed(0)} s vs ${throttleFloorS.toFixed(0)} s` },
      ...pageRows.map((r): SummaryRow => ({
        name: `${r.key.startsWith('catalog') ? 'Catalog page' : 'API page'} ${r.key.endsWith('Cold') ? 'cold' : 'warm'} p95`,
        value: ratio(r.p95, unit), unit: '×', target: r.key.endsWith('Cold') ? 1.5 : 0.5, kind: 'max',
        detail: `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}`,
      })),
      { name: 'One-API refresh ARM calls', value: one.armCalls, unit: '', target: 15, kind: 'max' },
      { name: 'One-API refresh Graph calls', value: one.graphCalls, unit: '', target: 15, kind: 'max' },
      { name: 'Approval → assignment p95 (Graph RTTs)', value: ratio(access.p95, trip.graphMs), unit: '×', target: 3, kind: 'max', detail: `p50 ${ms(access.p50)}, p95 ${ms(access.p95)}` },
      { name: `${c.approvals} approvals under faults: duplicates`, value: c.duplicates, unit: '', target: 0, kind: 'exact' },
      { name: `${c.approvals} approvals under faults: lost`, value: c.lost, unit: '', target: 0, kind: 'exact', detail: `${c.created} created, ${c.failed} failed, ${c.seconds.toFixed(1)} s` },
    ];
    console.log(`\nRoleport benchmark (unit: one round trip = ${unit.toFixed(1)} ms; ARM ${trip.armMs.toFixed(1)} ms, Graph ${trip.graphMs.toFixed(1)} ms; total ${Math.round((Date.now() - started) / 1000)} s)\n`);
    console.log(summaryTable(rows));
    return 0;
  } finally {
    await cleanUp();
  }
}
