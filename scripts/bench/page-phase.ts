// Step 3 of the bench: ten people sign in, view pages at once, and the Azure calls behind those views are counted.
import { USERS } from '../../emulator/seed/demo-tenant';
import type { RunningEmulator } from '../../emulator/start';
import { addUsers } from './access-bench';
import { signIn } from './http-session';
import { ms, percentile } from './numbers';
import { measureAlone, measurePages, pageBytes } from './page-timings';
import type { PageRow } from './summary-rows';

function topRoutes(emulator: RunningEmulator, surface: string, n = 4): string {
  const routes = emulator.stats.snapshot().surfaces[surface]?.routes ?? {};
  return (
    Object.entries(routes)
      .sort(([, a], [, b]) => b - a)
      .slice(0, n)
      .map(([route, count]) => `${count}× ${route}`)
      .join(', ') || 'none'
  );
}

export async function runPagePhase(
  emulator: RunningEmulator,
  portalUrl: string,
  unit: number,
  sessionsWanted: number,
  warmViews: number,
): Promise<PageRow[]> {
  // A fresh server loads each route's code on its first request; one throw-away visit does that, so "cold" below
  // means a user's first view (roles not yet read from Graph), not the server's first request.
  const [warmer] = addUsers(emulator, 'warm-up', 1);
  const warmUp = await signIn(portalUrl, (warmer as { oid: string }).oid);
  const first = await measureAlone(portalUrl, warmUp, 'gen-api-0500', 1);
  console.log(
    `  First requests of the fresh server process (not in the table): catalog ${ms(first.catalog[0] ?? Number.NaN)}, API page ${ms(first.api[0] ?? Number.NaN)}.`,
  );

  // Different people, so every first view reads that person's roles from Graph.
  const people = [
    USERS.ada.oid,
    USERS.ben.oid,
    USERS.olivia.oid,
    USERS.priya.oid,
    ...addUsers(emulator, 'reader', sessionsWanted - 4).map((u) => u.oid),
  ];
  const sessions = await Promise.all(people.map((oid) => signIn(portalUrl, oid)));
  const apiIds = sessions.map((_, i) => `gen-api-${String(1 + i * 37).padStart(4, '0')}`);
  emulator.stats.reset();
  const pages = await measurePages(portalUrl, sessions, apiIds, warmViews);
  const totals = emulator.stats.snapshot().surfaces;
  const rows = (['catalogCold', 'apiCold', 'catalogWarm', 'apiWarm'] as const).map((key) => ({
    key,
    n: pages[key].length,
    p50: percentile(pages[key], 50),
    p95: percentile(pages[key], 95),
  }));
  for (const r of rows)
    console.log(
      `  ${r.key.padEnd(12)} n=${r.n}  p50 ${ms(r.p50)} (${(r.p50 / unit).toFixed(2)}×)  p95 ${ms(r.p95)} (${(r.p95 / unit).toFixed(2)}×)`,
    );
  console.log(
    `  Azure calls behind ${sessions.length * (2 + 2 * warmViews)} page views: Graph ${totals.graph?.total ?? 0} (${topRoutes(emulator, 'graph')}), ` +
      `ARM ${totals.arm?.total ?? 0}, Entra ${totals.entra?.total ?? 0} (${topRoutes(emulator, 'entra')}).`,
  );
  console.log(`  Page sizes: catalog ${pageBytes.get('catalog') ?? 0} bytes, API page ${pageBytes.get('api') ?? 0} bytes.`);
  const [late] = addUsers(emulator, 'alone', 1);
  const coldAlone = await measureAlone(portalUrl, await signIn(portalUrl, (late as { oid: string }).oid), apiIds[1]!, 1);
  const alone = await measureAlone(portalUrl, sessions[0]!, apiIds[0]!, 10);
  console.log(
    `  One user alone: first views ${ms(coldAlone.catalog[0] ?? Number.NaN)} catalog, ${ms(coldAlone.api[0] ?? Number.NaN)} API page; ` +
      `then one view after another (10 each) catalog p50 ${ms(percentile(alone.catalog, 50))}, API page p50 ${ms(percentile(alone.api, 50))}.`,
  );
  return rows;
}
