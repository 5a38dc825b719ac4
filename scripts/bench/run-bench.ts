// The benchmark's steps, in order; every process and server it starts is stopped on the way out.
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { USERS } from '../../emulator/seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../../emulator/start';
import type { Database } from '../../lib/db/types';
import { measureAccess } from './access-bench';
import { waitForFullSync } from './catalog-sync';
import { firstLoadJs, firstLoadJsTable } from './first-load-js';
import { ms, summaryTable } from './numbers';
import { summaryRows } from './summary-rows';
import { runPagePhase } from './page-phase';
import { buildPortal, startPortal, type BenchPaths, type RunningPortal } from './portal-process';
import { benchEmulatorOptions, benchSetup, seedBenchDatabase } from './bench-setup';
import { benchDatabaseBytes, benchRowCounts } from './bench-database';
import { measureListPages } from './list-pages';
import { scaleRows } from './scale-rows';
import { sampleServerMemory, serverMemory } from './server-memory';
import { waitForAuditCheckpoint } from './audit-checkpoint-wait';

export const LATENCY_MS = 100;
const THROTTLE = { burst: 250, refillPerSecond: 25 };
export const SESSIONS = 10;
export const WARM_VIEWS = 20;
// Ports can be moved when another run uses the defaults on the same machine.
export const BASE_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 10443);
const FRESHNESS_WRITES = 20;

const PORTAL_PORT = Number(process.env.BENCH_PORT ?? 3200);
// Named by port, so two runs on different ports (say SQLite and PostgreSQL) keep their own data and connection file.
export const paths: BenchPaths = {
  distDir: process.env.BENCH_DIST_DIR ?? '.next-bench',
  dataDir: `.data/bench-${PORTAL_PORT}`,
  emulatorFile: path.resolve(`.local/emulator-bench-${PORTAL_PORT}.json`),
  caPem: path.resolve('.local/ca.pem'),
  port: PORTAL_PORT,
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
  const { size, scale: SCALE, databaseConfig } = benchSetup(process.argv.slice(2), paths);
  const started = Date.now();
  const loadAtStart = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
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
    const js = firstLoadJs(paths.distDir);
    console.log(`First-load JavaScript per route (gzip), from the build in ${paths.distDir}:\n${firstLoadJsTable(js)}`);
    emulator = await startEmulator(
      benchEmulatorOptions(paths, BASE_PORT, SCALE, { latencyMs: { arm: LATENCY_MS, graph: LATENCY_MS }, armThrottle: THROTTLE }),
    );
    const armReads = countArmReads(emulator);
    console.log(
      `Emulator: ${SCALE.apis} generated APIs × ${SCALE.operations} operations, ${LATENCY_MS} ms per ARM/Graph call, ARM reads throttled (burst ${THROTTLE.burst}, ${THROTTLE.refillPerSecond}/s).`,
    );

    // 1. The unit.
    const { measureRoundTrips } = await import('./round-trip');
    const trip = await measureRoundTrips(emulator);
    console.log(`One round trip (median of 20): ARM GET ${trip.armMs.toFixed(1)} ms, Graph GET ${trip.graphMs.toFixed(1)} ms.`);
    const unit = Math.max(trip.armMs, trip.graphMs);

    const { database, seeded } = await seedBenchDatabase(emulator, databaseConfig, size, paths.dataDir);
    closeDb = database.close;
    const db: Kysely<Database> = database.db;
    // Let the throttle bucket refill before the portal's sync starts.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    emulator.stats.reset();
    armReads.reset();

    // 2. The portal and its start-up sync of the whole catalog.
    portal = await startPortal(paths, {
      keepDatabase: true,
      env: databaseConfig.kind === 'postgres' ? { DATABASE_URL: databaseConfig.url } : {},
    });
    const portalStarted = Date.now();
    const memorySamples = sampleServerMemory(portal.pid);
    memorySamples.phase('start-up, sync and audit verification');
    console.log(
      `Portal: ${portal.url} (production build in ${paths.distDir}, database ${paths.dataDir}). Waiting for the full catalog sync ...`,
    );
    const syncTimeoutMs = Math.max(20 * 60_000, SCALE.apis * 1500);
    const sync = await waitForFullSync(db, portal.lines, syncTimeoutMs, () => {
      const t = surfaceTotals(emulator as RunningEmulator);
      console.log(
        `  ... ${Math.round((Date.now() - started) / 1000)} s: ${armReads.counts.allowed} ARM reads served, ${armReads.counts.throttled} throttled, ${t.graph} Graph calls`,
      );
    });
    const syncTotals = surfaceTotals(emulator);
    const throttleFloorS = Math.max(0, armReads.counts.allowed - THROTTLE.burst) / THROTTLE.refillPerSecond;
    const syncRatio = sync.durationMs / 1000 / throttleFloorS;
    console.log(
      `Full sync ${sync.status}${sync.error ? ` (${sync.error})` : ''}: ${sync.apis} APIs in ${(sync.durationMs / 1000).toFixed(1)} s; ` +
        `portal counted ${sync.armCalls} ARM + ${sync.graphCalls} Graph calls; emulator saw ${syncTotals.arm} ARM requests (${armReads.counts.allowed} reads served, ${armReads.counts.throttled} refused with 429) and ${syncTotals.graph} Graph requests.`,
    );
    console.log(
      `Of those ARM calls, products took ${sync.productCalls} (the list, then each product's APIs and policy) and subscriptions ${sync.subscriptionCalls} (every subscription and every APIM user, for their owners).`,
    );
    console.log(
      `Throttle-bound minimum: (${armReads.counts.allowed} − ${THROTTLE.burst}) / ${THROTTLE.refillPerSecond} = ${throttleFloorS.toFixed(1)} s → ratio ${syncRatio.toFixed(2)}.`,
    );
    if (sync.status !== 'succeeded')
      throw new Error(`the full sync ${sync.status}: ${sync.error ?? ''}\nThe portal's last lines:\n${portal.lines.slice(-15).join('\n')}`);

    // The portal verifies the whole audit chain once at start-up; page views then verify only what follows its checkpoint.
    const verified = await waitForAuditCheckpoint(db, seeded.auditHead, 30 * 60_000);
    console.log(
      `Audit chain of ${seeded.auditHead} events verified by the portal's start-up pass ${((verified - portalStarted) / 1000).toFixed(0)} s after it started.`,
    );

    // 3. Pages under concurrent users.
    memorySamples.phase('catalog and API pages');
    const pageRows = await runPagePhase(emulator, portal, unit, SESSIONS, WARM_VIEWS);
    console.log(`Long lists (approval queue of ${size.pendingRequests}, audit log of ${seeded.auditHead}), ${SESSIONS} admins at once:`);
    memorySamples.phase('queue and audit pages');
    const listRows = await measureListPages(portal.url, db, unit, SESSIONS);
    memorySamples.phase('one-API refresh and freshness');

    // 4. One API refreshed: as an Event Grid event does (app registrations the sync read are reused), and as the admin's
    // refresh button does (everything read again).
    const { syncOneApi } = await import('../../lib/catalog/sync-catalog');
    emulator.stats.reset();
    const one = await syncOneApi(db, 'gen-api-0042', { reuseAppsReadWithinMs: 15 * 60_000 });
    const oneTotals = surfaceTotals(emulator);
    console.log(
      `One-API refresh (event) ${one.status}: ${one.armCalls} ARM + ${one.graphCalls} Graph calls (emulator saw ${oneTotals.arm} ARM, ${oneTotals.graph} Graph) in ${one.durationMs} ms.`,
    );
    emulator.stats.reset();
    const adminRefresh = await syncOneApi(db, 'gen-api-0043');
    const adminTotals = surfaceTotals(emulator);
    console.log(
      `One-API refresh (admin's button) ${adminRefresh.status}: ${adminRefresh.armCalls} ARM + ${adminRefresh.graphCalls} Graph calls (emulator saw ${adminTotals.arm} ARM, ${adminTotals.graph} Graph) in ${adminRefresh.durationMs} ms.`,
    );

    // 5. Freshness: ARM writes reach the API page through Event Grid and a targeted refresh.
    const { measureFreshness } = await import('./freshness');
    const { signIn } = await import('./http-session');
    const freshness = await measureFreshness(emulator, portal.url, await signIn(portal.url, USERS.ada.oid), {
      writes: FRESHNESS_WRITES,
      apiIds: ['gen-api-0100', 'gen-api-0200', 'gen-api-0300', 'gen-api-0400'],
    });
    console.log(
      `Freshness (n=${freshness.samples.length}, ${freshness.missed} not shown within 30 s): ARM write → API page p50 ${ms(freshness.p50)}, p95 ${ms(freshness.p95)}.`,
    );

    const memory = serverMemory(portal.pid);
    console.log(`Server resident memory, highest sample (every 0.5 s) per phase: ${memorySamples.stop()}.`);
    const dbBytes = await benchDatabaseBytes(databaseConfig, db);
    const counts = await benchRowCounts(db);
    console.log(
      `Server memory: peak resident ${memory.peakMb.toFixed(0)} MB (VmHWM), now ${memory.currentMb.toFixed(0)} MB. ` +
        `Database (${databaseConfig.kind}): ${(dbBytes / 1024 / 1024).toFixed(1)} MB for ${Object.entries(counts)
          .map(([table, n]) => `${n} ${table}`)
          .join(', ')}.`,
    );

    // 6. Access: the portal stops so this process's provisioning worker is the only one.
    await portal.stop();
    portal = undefined;
    const access = await measureAccess(emulator, { apiId: 'gen-api-0001', singles: 20, healthy: 100, concurrent: 200 });
    const c = access.concurrent;
    const h = access.healthy;
    console.log(
      `Approval → active (n=${access.latencyMs.length}): p50 ${ms(access.p50)} (${ratio(access.p50, trip.graphMs).toFixed(2)}×), p95 ${ms(access.p95)} (${ratio(access.p95, trip.graphMs).toFixed(2)}×) of one Graph round trip.`,
    );
    console.log(
      `${h.approvals} concurrent approvals, no faults: ${h.created} assignments, ${h.duplicates} duplicates, ${h.lost} lost, ${h.failed} failed, ${h.seconds.toFixed(1)} s (${(h.created / h.seconds).toFixed(1)} grants/s).`,
    );
    console.log(
      `${c.approvals} concurrent approvals with ${c.faultsInjected} Graph faults scripted (${c.faultsLeft} unused): ${c.created} assignments, ${c.duplicates} duplicates, ${c.lost} lost, ${c.failed} failed, ${c.seconds.toFixed(1)} s.`,
    );

    const rows = [
      ...summaryRows({
        syncRatio,
        syncSeconds: sync.durationMs / 1000,
        throttleFloorS,
        pageRows,
        unit,
        one,
        adminRefresh,
        access,
        graphMs: trip.graphMs,
        freshness,
        js,
      }),
      ...scaleRows({ listRows, unit, memory, dbBytes, engine: databaseConfig.kind }),
    ];
    const load = loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
    console.log(
      `\nMachine: ${cpus().length} CPUs, load average ${loadAtStart} at start, ${load} at the end (other work on the machine slows the page numbers).`,
    );
    console.log(
      `Roleport benchmark (unit: one round trip = ${unit.toFixed(1)} ms; ARM ${trip.armMs.toFixed(1)} ms, Graph ${trip.graphMs.toFixed(1)} ms; total ${Math.round((Date.now() - started) / 1000)} s)\n`,
    );
    console.log(summaryTable(rows));
    return 0;
  } finally {
    await cleanUp();
  }
}
