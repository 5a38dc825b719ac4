// Data at scale, loaded in bulk before the portal starts: people in the emulator's directory, pending requests written
// as multi-row inserts in one transaction, and audit events appended to the hash chain in large transactions through
// appendAuditEvents (the same keyed chaining as one event at a time, so the portal's start-up verification checks them).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { INVENTORY_APP, ORDERS_APP, TENANT_DOMAIN } from '../../emulator/seed/demo-tenant';
import type { RunningEmulator } from '../../emulator/start';
import type { AuditEventInput } from '../../lib/audit/audit-event';
import type { PortalUser } from '../../lib/auth/session';
import type { Database, NewAccessRequest } from '../../lib/db/types';
import { addUsers } from './access-bench';

export interface ScaleSize {
  apis: number;
  users: number;
  pendingRequests: number;
  auditEvents: number;
}

export interface SeededScale {
  users: PortalUser[];
  seconds: { requests: number; audit: number };
  /** The audit head after seeding: the portal's start-up verification must reach it. */
  auditHead: number;
}

const DAY = 86_400_000;
const AUDIT_EVENTS_PER_TRANSACTION = 50_000;
// Roles a person may ask for (Orders.Export is for applications only): one open request per person and role.
const ROLES = [
  ...['Orders.Read', 'Orders.Write', 'Orders.Admin', 'Orders.Support'].map((value) => ({ app: ORDERS_APP, value })),
  ...['Inventory.Read', 'Inventory.Write', 'Inventory.Admin'].map((value) => ({ app: INVENTORY_APP, value })),
];
const HISTORY = ['request.approved', 'request.activated', 'request.expired', 'policy.applied', 'request.rejected', 'rule.changed'];

const apiOf = (n: number, size: ScaleSize, app: typeof ORDERS_APP) =>
  app === ORDERS_APP ? `gen-api-${String(1 + (n % size.apis)).padStart(4, '0')}` : 'inventory';

function pendingRows(users: PortalUser[], size: ScaleSize, now: number): NewAccessRequest[] {
  const rows: NewAccessRequest[] = [];
  // Spread over the last 60 days, three requests to each timestamp, so the queue's order has ties that only the id breaks.
  const step = Math.max(1, Math.floor((60 * DAY) / Math.max(1, size.pendingRequests / 3)));
  for (let i = 0; i < size.pendingRequests; i++) {
    const user = users[i % users.length] as PortalUser;
    const role = ROLES[Math.floor(i / users.length) % ROLES.length] as (typeof ROLES)[number];
    const at = new Date(now - 60 * DAY + Math.floor(i / 3) * step).toISOString();
    rows.push({
      id: randomUUID(),
      requester_oid: user.oid,
      requester_upn: user.upn,
      requester_name: user.name,
      api_id: apiOf(i, size, role.app),
      app_id: role.app.appId,
      resource_sp_id: role.app.servicePrincipalId,
      role_id: role.app.roles[role.value] as string,
      role_value: role.value,
      grant_kind: 'direct',
      group_id: null,
      justification: `Needed for the ${['checkout', 'reporting', 'migration', 'support rota'][i % 4]} work, ticket ${10_000 + i}.`,
      duration_days: 30,
      status: 'pending',
      stage: 1,
      version: 1,
      rule_snapshot: '{"autoApprove":false,"stages":1,"maxDays":90,"groupId":null}',
      created_at: at,
      updated_at: at,
    });
  }
  return rows;
}

/** Two years of history, then one request.submitted event per pending request, in time order. */
function* auditHistory(users: PortalUser[], requests: NewAccessRequest[], total: number, now: number): Generator<AuditEventInput> {
  const history = Math.max(0, total - requests.length);
  const start = now - 730 * DAY;
  const span = 670 * DAY;
  for (let i = 0; i < history; i++) {
    const user = users[i % users.length] as PortalUser;
    const action = HISTORY[i % HISTORY.length] as string;
    yield {
      actor:
        action === 'request.activated' || action === 'request.expired' ? { oid: null, name: 'system' } : { oid: user.oid, name: user.name },
      action,
      subject: action.startsWith('request.')
        ? { type: 'access_request', id: `past-${i}` }
        : { type: 'api', id: `gen-api-${(i % 500) + 1}` },
      after: action.startsWith('request.') ? { status: action.slice('request.'.length), version: 2 } : null,
      data: { n: i, roleValue: 'Orders.Read' },
      at: new Date(start + Math.floor((i * span) / Math.max(1, history))).toISOString(),
    };
  }
  for (const r of requests.slice(0, total))
    yield {
      actor: { oid: r.requester_oid, name: r.requester_name },
      action: 'request.submitted',
      subject: { type: 'access_request', id: r.id as string },
      after: { status: 'pending', version: 1 },
      data: { apiId: r.api_id, roleValue: r.role_value, roleId: r.role_id, durationDays: 30, grantKind: 'direct', rule: 'default' },
      at: r.created_at,
    };
}

export async function seedScale(emulator: RunningEmulator, db: Kysely<Database>, size: ScaleSize): Promise<SeededScale> {
  const { withTransaction } = await import('../../lib/db/transaction');
  const { appendAuditEvents } = await import('../../lib/audit/append-audit-events');
  const now = Date.now();
  const users = addUsers(emulator, 'scale', size.users);
  if (users.length === 0 && size.pendingRequests > 0) throw new Error('pending requests need at least one user');
  console.log(`  ${users.length} people added to the emulator's directory (@${TENANT_DOMAIN}).`);

  let started = performance.now();
  const rows = pendingRows(users, size, now);
  await withTransaction(db, async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('access_request')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  const requestSeconds = (performance.now() - started) / 1000;
  console.log(`  ${rows.length} pending requests in one transaction: ${requestSeconds.toFixed(1)} s.`);

  started = performance.now();
  const cpu = process.cpuUsage();
  const events = auditHistory(users, rows, size.auditEvents, now);
  let head = 0;
  for (let done = 0; done < size.auditEvents; done += AUDIT_EVENTS_PER_TRANSACTION) {
    const batch = take(events, Math.min(AUDIT_EVENTS_PER_TRANSACTION, size.auditEvents - done));
    head = (await withTransaction(db, (trx) => appendAuditEvents(trx, batch))).seq;
    if ((done / AUDIT_EVENTS_PER_TRANSACTION) % 5 === 4 && head < size.auditEvents)
      console.log(`    ... ${head} audit events, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const auditSeconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  console.log(
    `  ${size.auditEvents} audit events chained (keyed hash) and appended in transactions of ${AUDIT_EVENTS_PER_TRANSACTION}: ` +
      `${auditSeconds.toFixed(1)} s (${Math.round(size.auditEvents / Math.max(auditSeconds, 0.001))} events/s), ` +
      `${((user + system) / 1e6).toFixed(1)} s of this process's CPU (the database server's, on PostgreSQL, not included).`,
  );
  return { users, seconds: { requests: requestSeconds, audit: auditSeconds }, auditHead: head };
}

function* take<T>(source: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const next = source.next();
    if (next.done) return;
    yield next.value;
  }
}
