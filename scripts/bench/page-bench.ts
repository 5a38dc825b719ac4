// `npm run bench -- --only pages`: the page steps alone, to iterate on page speed and server memory in minutes. The
// database is seeded at the bench's scale (`--apis`, `--pending`, `--audit-events` as for the full bench), the emulator
// serves the start-up sync with no latency and no throttle (that sync is not what is measured here), then gets the
// bench's latency before the round trip, the four pages and the long lists are measured, so the figures compare with
// those of the full bench. The server's resident memory is sampled throughout and its highest figure given per phase.
import { cpus, loadavg } from 'node:os';
import { startEmulator, type RunningEmulator } from '../../emulator/start';
import { waitForAuditCheckpoint } from './audit-checkpoint-wait';
import { benchEmulatorOptions, benchSetup, seedBenchDatabase } from './bench-setup';
import { waitForFullSync } from './catalog-sync';
import { measureListPages } from './list-pages';
import { summaryTable } from './numbers';
import { runPagePhase } from './page-phase';
import { buildPortal, startPortal, type RunningPortal } from './portal-process';
import { BASE_PORT, LATENCY_MS, paths, SESSIONS, WARM_VIEWS } from './run-bench';
import { sampleServerMemory, serverMemory } from './server-memory';
import { pageSummaryRows } from './summary-rows';

export async function runPageBench(options: { build: boolean }): Promise<number> {
  const { size, scale, databaseConfig } = benchSetup(process.argv.slice(2), paths);
  const loadAtStart = loadavg()[0]?.toFixed(1);
  let emulator: RunningEmulator | undefined;
  let portal: RunningPortal | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    buildPortal(paths, !options.build);
    emulator = await startEmulator(benchEmulatorOptions(paths, BASE_PORT, scale));
    const { database, seeded } = await seedBenchDatabase(emulator, databaseConfig, size, paths.dataDir);
    closeDb = database.close;
    portal = await startPortal(paths, {
      keepDatabase: true,
      env: databaseConfig.kind === 'postgres' ? { DATABASE_URL: databaseConfig.url } : {},
    });
    const memorySamples = sampleServerMemory(portal.pid);
    memorySamples.phase('start-up, sync and audit verification');
    const sync = await waitForFullSync(database.db, portal.lines, 10 * 60_000);
    if (sync.status !== 'succeeded') throw new Error(`the full sync ${sync.status}: ${sync.error ?? ''}`);
    console.log(
      `Catalog of ${sync.apis} APIs × ${scale.operations} operations synced (no latency) in ${(sync.durationMs / 1000).toFixed(1)} s.`,
    );
    await waitForAuditCheckpoint(database.db, seeded.auditHead, 30 * 60_000);
    emulator.faults.apply({ latencyMs: { arm: LATENCY_MS, graph: LATENCY_MS } });
    const { measureRoundTrips } = await import('./round-trip');
    const trip = await measureRoundTrips(emulator);
    const unit = Math.max(trip.armMs, trip.graphMs);
    console.log(`One round trip (median of 20): ARM ${trip.armMs.toFixed(1)} ms, Graph ${trip.graphMs.toFixed(1)} ms.`);
    memorySamples.phase('catalog and API pages');
    const rows = await runPagePhase(emulator, portal, unit, SESSIONS, WARM_VIEWS);
    console.log(`Long lists (approval queue of ${size.pendingRequests}, audit log of ${seeded.auditHead}), ${SESSIONS} admins at once:`);
    memorySamples.phase('queue and audit pages');
    await measureListPages(portal.url, database.db, unit, SESSIONS);
    const memory = serverMemory(portal.pid);
    console.log(`\nMachine: ${cpus().length} CPUs, load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at the end.`);
    console.log(`Server resident memory, highest sample (every 0.5 s) per phase: ${memorySamples.stop()}.`);
    console.log(`Server memory: peak resident ${memory.peakMb.toFixed(0)} MB (VmHWM), now ${memory.currentMb.toFixed(0)} MB.`);
    console.log(`Pages (unit: one round trip = ${unit.toFixed(1)} ms)\n`);
    console.log(summaryTable(pageSummaryRows(rows, unit)));
    return 0;
  } finally {
    await portal?.stop().catch(() => undefined);
    await closeDb?.().catch(() => undefined);
    await emulator?.stop().catch(() => undefined);
  }
}
