// Step 3 of the bench: ten people at once view each of the four pages the targets name (catalog, an API page, the
// approval queue, My access), one page kind after another so the server's CPU per view can be told apart.
import type { RunningEmulator } from '../../emulator/start';
import { INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, PORTAL_APP, USERS } from '../../emulator/seed/demo-tenant';
import { addUsers } from './access-bench';
import { signIn, type HttpSession } from './http-session';
import { ms, percentile } from './numbers';
import { measureAlone, measurePage, PAGE_LABELS, type PageKind, type PageMeasure } from './page-timings';
import type { PageRow } from './summary-rows';

const PENDING_REQUESTS = 25;
const ADMIN: [string, string] = [PORTAL_APP.servicePrincipalId, PORTAL_APP.roles['Portal.Admin'] as string];

function topRoutes(emulator: RunningEmulator, surface: string, n = 3): string {
  const routes = emulator.stats.snapshot().surfaces[surface]?.routes ?? {};
  const top = Object.entries(routes).sort(([, a], [, b]) => b - a);
  return (
    top
      .slice(0, n)
      .map(([route, count]) => `${count}× ${route}`)
      .join(', ') || 'none'
  );
}

/** Pending requests from as many people, so the approval queue has cards, each with its requester's holdings. */
async function seedPendingRequests(emulator: RunningEmulator, count: number): Promise<void> {
  const { db } = await import('../../lib/db/portal-database');
  const { submitRequest } = await import('../../lib/approvals/submit-request');
  const database = await db();
  const roleIds = [ORDERS_APP.roles['Orders.Read'], ORDERS_APP.roles['Orders.Write'], ORDERS_APP.roles['Orders.Support']];
  for (const [i, person] of addUsers(emulator, 'requester', count).entries())
    await submitRequest(database, person, {
      apiId: `gen-api-${String(1 + i * 7).padStart(4, '0')}`,
      roleId: roleIds[i % roleIds.length] as string,
      justification: 'Load test of the approval queue.',
      durationDays: 30,
    });
}

/** Fresh people (so their first view reads their roles from Graph), holding `roles` as direct assignments. */
function peopleHolding(emulator: RunningEmulator, prefix: string, count: number, roles: [string, string][]): string[] {
  return addUsers(emulator, prefix, count).map((person) => {
    for (const [servicePrincipalId, roleId] of roles) emulator.directory.assign(person.oid, servicePrincipalId, roleId);
    return person.oid;
  });
}

function rowsOf(m: PageMeasure, unit: number): PageRow[] {
  const row = (cold: boolean): PageRow => {
    const samples = cold ? m.cold : m.warm;
    return {
      kind: m.kind,
      cold,
      n: samples.length,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      cpuMsPerView: cold ? m.coldCpuMs : m.warmCpuMs,
      htmlBytes: m.htmlBytes,
      rscBytes: m.rscBytes,
    };
  };
  const rows = [row(true), row(false)];
  for (const r of rows)
    console.log(
      `  ${`${PAGE_LABELS[m.kind]} ${r.cold ? 'cold' : 'warm'}`.padEnd(20)} n=${String(r.n).padEnd(4)} ` +
        `p50 ${ms(r.p50)} (${(r.p50 / unit).toFixed(2)}×)  p95 ${ms(r.p95)} (${(r.p95 / unit).toFixed(2)}×)  ` +
        `CPU ${r.cpuMsPerView.toFixed(1)} ms/view  HTML ${(r.htmlBytes / 1024).toFixed(1)} KB, RSC ${(r.rscBytes / 1024).toFixed(1)} KB`,
    );
  return rows;
}

export async function runPagePhase(
  emulator: RunningEmulator,
  portal: { url: string; pid: number | undefined },
  unit: number,
  sessionsWanted: number,
  warmViews: number,
): Promise<PageRow[]> {
  const portalUrl = portal.url;
  const apiUrl = (apiId: string) => `${portalUrl}/apis/${encodeURIComponent(apiId)}`;
  // A fresh server loads each route's code on its first request; throw-away visits do that, so "cold" below means a
  // user's first view of the page (roles not yet read from Graph), not the server's first request.
  const warmUp = await signIn(portalUrl, peopleHolding(emulator, 'warm-up', 1, [ADMIN])[0] as string);
  const first: string[] = [];
  for (const url of [`${portalUrl}/apis`, apiUrl('gen-api-0500'), `${portalUrl}/admin/requests`, `${portalUrl}/`])
    first.push(ms((await measureAlone(warmUp, url, 1)).ms[0] ?? Number.NaN));
  console.log(`  First requests of the fresh server process (not in the table): ${first.join(', ')}.`);
  await seedPendingRequests(emulator, PENDING_REQUESTS);

  // Catalog and API pages: the demo people (Ben holds Orders.Write, so every generated API shows a held role) and
  // readers who hold nothing. Approval queue: portal admins. My access: people holding a role on two of the three apps.
  const readers: string[] = [USERS.ada.oid, USERS.ben.oid, USERS.olivia.oid, USERS.priya.oid];
  readers.push(...addUsers(emulator, 'reader', sessionsWanted - readers.length).map((u) => u.oid));
  const holds: [string, string][] = [
    [INVENTORY_APP.servicePrincipalId, INVENTORY_APP.roles['Inventory.Read'] as string],
    [PAYMENTS_APP.servicePrincipalId, PAYMENTS_APP.roles['Payments.Read'] as string],
  ];
  const signInAll = (oids: string[]) => Promise.all(oids.map((oid) => signIn(portalUrl, oid)));
  const readerSessions = await signInAll(readers);
  const approverSessions = await signInAll(peopleHolding(emulator, 'approver', sessionsWanted, [ADMIN]));
  const holderSessions = await signInAll(peopleHolding(emulator, 'holder', sessionsWanted, holds));
  const apiIds = readerSessions.map((_, i) => `gen-api-${String(1 + i * 37).padStart(4, '0')}`);
  const plan: [PageKind, HttpSession[], (i: number) => string, [string, string][]][] = [
    ['catalog', readerSessions, () => `${portalUrl}/apis`, []],
    ['api', readerSessions, (i) => apiUrl(apiIds[i] as string), []],
    ['approvals', approverSessions, () => `${portalUrl}/admin/requests`, [ADMIN]],
    ['myAccess', holderSessions, () => `${portalUrl}/`, holds],
  ];
  const rows: PageRow[] = [];
  for (const [kind, sessions, urlOf] of plan) {
    emulator.stats.reset();
    rows.push(...rowsOf(await measurePage(kind, sessions, urlOf, warmViews, portal.pid), unit));
    const graph = emulator.stats.snapshot().surfaces.graph?.total ?? 0;
    console.log(`    Graph calls behind these ${sessions.length * (1 + warmViews)} views: ${graph} (${topRoutes(emulator, 'graph')}).`);
  }

  // One user alone: a new person's first view of each page, then ten views in a row, nobody else on the server.
  for (const [kind, , urlOf, roles] of plan) {
    const session = await signIn(portalUrl, peopleHolding(emulator, 'alone', 1, roles)[0] as string);
    const cold = await measureAlone(session, urlOf(0), 1, portal.pid);
    const warm = await measureAlone(session, urlOf(0), 10, portal.pid);
    for (const row of rows.filter((r) => r.kind === kind)) {
      row.aloneMs = row.cold ? (cold.ms[0] as number) : percentile(warm.ms, 50);
      row.aloneCpuMs = row.cold ? cold.cpuMs : warm.cpuMs;
    }
    console.log(
      `  ${PAGE_LABELS[kind]}, one user alone: first view ${ms(cold.ms[0] ?? Number.NaN)} (CPU ${cold.cpuMs.toFixed(0)} ms), ` +
        `then 10 in a row p50 ${ms(percentile(warm.ms, 50))} (CPU ${warm.cpuMs.toFixed(1)} ms/view).`,
    );
  }
  return rows;
}
