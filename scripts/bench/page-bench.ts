// `npm run bench -- --only pages`: the page step alone, to iterate on page speed in minutes. The emulator serves the
// start-up sync with no latency and no throttle (that sync is not what is measured here), then gets the bench's latency
// before the round trip and the pages are measured, so the page figures compare with those of the full bench.
import { cpus, loadavg } from 'node:os';
import { PORTAL_APP } from '../../emulator/seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../../emulator/start';
import { waitForFullSync } from './catalog-sync';
import { summaryTable } from './numbers';
import { runPagePhase } from './page-phase';
import { buildPortal, startPortal, type RunningPortal } from './portal-process';
import { BASE_PORT, LATENCY_MS, paths, SESSIONS, WARM_VIEWS } from './run-bench';
import { pageSummaryRows } from './summary-rows';

const SCALE = { apis: 500, operations: 10 };

export async function runPageBench(options: { build: boolean }): Promise<number> {
  process.env.ROLEPORT_EMULATOR_FILE = paths.emulatorFile;
  process.env.ROLEPORT_DATA_DIR = paths.dataDir;
  process.env.PORT = String(paths.port);
  const loadAtStart = loadavg()[0]?.toFixed(1);
  let emulator: RunningEmulator | undefined;
  let portal: RunningPortal | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    buildPortal(paths, !options.build);
    emulator = await startEmulator({
      ports: { entra: BASE_PORT, graph: BASE_PORT + 1, arm: BASE_PORT + 2, gateway: BASE_PORT + 3 },
      seed: SCALE,
      writeConnectionFile: true,
      connectionFile: paths.emulatorFile,
      extraRedirectUris: [`http://localhost:${paths.port}/api/auth/callback/azure-ad`],
      eventGrid: { endpoint: `http://localhost:${paths.port}/api/events/apim`, schema: 'EventGridSchema', audience: PORTAL_APP.appId },
    });
    portal = await startPortal(paths);
    const { portalDatabase } = await import('../../lib/db/portal-database');
    const database = await portalDatabase();
    closeDb = database.close;
    const sync = await waitForFullSync(database.db, portal.lines, 10 * 60_000);
    if (sync.status !== 'succeeded') throw new Error(`the full sync ${sync.status}: ${sync.error ?? ''}`);
    console.log(
      `Catalog of ${sync.apis} APIs × ${SCALE.operations} operations synced (no latency) in ${(sync.durationMs / 1000).toFixed(1)} s.`,
    );
    emulator.faults.apply({ latencyMs: { arm: LATENCY_MS, graph: LATENCY_MS } });
    const { measureRoundTrips } = await import('./round-trip');
    const trip = await measureRoundTrips(emulator);
    const unit = Math.max(trip.armMs, trip.graphMs);
    console.log(`One round trip (median of 20): ARM ${trip.armMs.toFixed(1)} ms, Graph ${trip.graphMs.toFixed(1)} ms.`);
    const rows = await runPagePhase(emulator, portal, unit, SESSIONS, WARM_VIEWS);
    console.log(`\nMachine: ${cpus().length} CPUs, load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at the end.`);
    console.log(`Pages (unit: one round trip = ${unit.toFixed(1)} ms)\n`);
    console.log(summaryTable(pageSummaryRows(rows, unit)));
    return 0;
  } finally {
    await portal?.stop().catch(() => undefined);
    await closeDb?.().catch(() => undefined);
    await emulator?.stop().catch(() => undefined);
  }
}
