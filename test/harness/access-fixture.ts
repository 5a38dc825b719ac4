// An emulated tenant (Entra + Graph), the portal configuration pointing at it, and catalog rows for the demo APIs.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session-user';
import type { Database } from '@/lib/db/types';
import { GROUPS, INVENTORY_APP, ORDERS_APP, TENANT_ID, USERS, type DemoUserKey } from '@/emulator/seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '@/emulator/start';
import { ensureCertificates } from '@/emulator/tls/ensure-certificates';
import { passwordGrant } from './entra-token-requests';

export function demoUser(key: DemoUserKey, admin = key === 'priya'): PortalUser {
  const u = USERS[key];
  return {
    oid: u.oid,
    tid: TENANT_ID,
    name: u.displayName,
    upn: u.userPrincipalName,
    portalRoles: admin ? ['Portal.Admin'] : [],
    isAdmin: admin,
  };
}

export interface AccessFixture {
  emulator: RunningEmulator;
  /** JSON bodies posted to the webhook receiver. */
  webhooks: unknown[];
  webhookUrl: string;
  stop(): Promise<void>;
}

/** Starts the emulator and points lib/env at it; call before importing anything that reads the configuration. */
export async function startAccessFixture(): Promise<AccessFixture> {
  const localDir = mkdtempSync(join(tmpdir(), 'roleport-access-'));
  // The test process trusts the CA in .local/ (NODE_EXTRA_CA_CERTS), so the emulator reuses those files.
  const trusted = ensureCertificates();
  for (const f of ['ca.pem', 'ca-key.pem', 'localhost.pem', 'localhost-key.pem'])
    copyFileSync(join(trusted.caCertPath, '..', f), join(localDir, f));
  const emulator = await startEmulator({
    localDir,
    ports: { entra: 0, graph: 0 },
    surfaces: ['entra', 'graph'],
    writeConnectionFile: true,
  });

  const webhooks: unknown[] = [];
  const receiver: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      webhooks.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;

  process.env.ROLEPORT_LOCAL_DIR = localDir;
  process.env.ROLEPORT_EMULATOR_FILE = join(localDir, 'emulator.json');
  process.env.ROLEPORT_DATA_DIR = join(localDir, 'data');
  process.env.ROLEPORT_WEBHOOK_URL = webhookUrl;
  delete process.env.DATABASE_URL;
  return {
    emulator,
    webhooks,
    webhookUrl,
    stop: async () => {
      await emulator.stop();
      await new Promise((resolve) => receiver.close(resolve));
      rmSync(localDir, { recursive: true, force: true });
    },
  };
}

const at = '2026-11-27T06:30:00.000Z';
const stamps = { created_at: at, updated_at: at };

function appRow(app: typeof ORDERS_APP, groupHoldings: { groupId: string; groupName: string; roleId: string }[]) {
  const owners = app.owners.map((k) => ({
    id: USERS[k].oid,
    displayName: USERS[k].displayName,
    userPrincipalName: USERS[k].userPrincipalName,
  }));
  const roles = Object.entries(app.roles).map(([value, id]) => ({
    id,
    value,
    displayName: value,
    description: `${value} on ${app.displayName}`,
    isEnabled: true,
    allowedMemberTypes: app.memberTypes?.[value] ?? ['User', 'Application'],
  }));
  return {
    app_id: app.appId,
    object_id: app.objectId,
    service_principal_id: app.servicePrincipalId,
    display_name: app.displayName,
    identifier_uris: JSON.stringify([app.identifierUri]),
    token_version: app.accessTokenVersion,
    app_roles: JSON.stringify(roles),
    owners: JSON.stringify(owners),
    group_holdings: JSON.stringify(groupHoldings),
    synced_at: at,
    ...stamps,
  };
}

function apiRow(id: string, app: typeof ORDERS_APP) {
  return {
    id,
    display_name: app.displayName,
    description: null,
    path: id,
    service_url: null,
    gateway_base_url: null,
    subscription_required: 0 as const,
    app_id: app.appId,
    app_source: 'policy' as const,
    access: '{"tokenValidation":"all","audiences":[],"issuers":[],"openIdConfigUrls":[],"roles":[],"unknowns":[]}',
    products: '[]',
    operation_count: 0,
    search_text: id,
    synced_at: at,
    sync_error: null,
    fingerprint: null,
    ...stamps,
  };
}

/** Catalog rows for the Orders and Inventory APIs as a sync against the demo tenant writes them. */
export async function seedCatalog(db: Kysely<Database>): Promise<void> {
  // Until the catalog migration for group holdings has landed everywhere, add the column the reader expects.
  const columns = (await db.introspection.getTables()).find((t) => t.name === 'catalog_app')?.columns.map((c) => c.name) ?? [];
  if (!columns.includes('group_holdings'))
    await sql`alter table catalog_app add column group_holdings text not null default '[]'`.execute(db);
  await db.deleteFrom('catalog_app').execute();
  await db.deleteFrom('catalog_api').execute();
  const writers = GROUPS.ordersWriters;
  const readers = GROUPS.inventoryReaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the column may be absent from the generated row type
  const apps: any[] = [
    appRow(ORDERS_APP, [{ groupId: writers.id, groupName: writers.displayName, roleId: ORDERS_APP.roles['Orders.Write']! }]),
    appRow(INVENTORY_APP, [{ groupId: readers.id, groupName: readers.displayName, roleId: INVENTORY_APP.roles['Inventory.Read']! }]),
  ];
  await db.insertInto('catalog_app').values(apps).execute();
  await db
    .insertInto('catalog_api')
    .values([apiRow('orders', ORDERS_APP), apiRow('inventory', INVENTORY_APP)])
    .execute();
}

/** A second API (say, a new version) mapped to the same app registration as `of`, as the catalog indexes it. */
export async function seedSiblingApi(db: Kysely<Database>, id: string, displayName: string, of = 'orders'): Promise<void> {
  const row = await db.selectFrom('catalog_api').selectAll().where('id', '=', of).executeTakeFirstOrThrow();
  await db
    .insertInto('catalog_api')
    .values({ ...row, id, display_name: displayName, path: id, search_text: id })
    .execute();
}

/** A user's access token for the Orders API, fresh from the emulated Entra (ROPC), decoded. */
export async function ordersTokenRoles(emulator: RunningEmulator, user: DemoUserKey): Promise<string[]> {
  const scope = `${ORDERS_APP.identifierUri}/.default`;
  const { status, body } = await passwordGrant(emulator.urls.authorityHost, USERS[user].userPrincipalName, scope);
  if (typeof body.access_token !== 'string') throw new Error(`token request failed: ${String(body.error_description ?? status)}`);
  const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: string[] };
  return payload.roles ?? [];
}

/** Graph faults for the next matching requests (POST /_emulator/faults on the Entra origin). */
export async function scriptFaults(
  emulator: RunningEmulator,
  script: { method?: string; pathContains?: string; kind: '429' | '500' | '503' | 'timeout'; times: number; retryAfterSeconds?: number }[],
): Promise<void> {
  const response = await fetch(`${emulator.urls.authorityHost}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ script: script.map((f) => ({ surface: 'graph', ...f })) }),
  });
  if (!response.ok) throw new Error(`fault script refused: ${await response.text()}`);
}

/** Direct assignments of a user on the Orders API, as the emulated directory holds them. */
export function ordersAssignmentsOf(emulator: RunningEmulator, user: DemoUserKey) {
  return emulator.directory.assignmentsOf(USERS[user].oid).filter((a) => a.resourceId === ORDERS_APP.servicePrincipalId);
}

export { ORDERS_APP, INVENTORY_APP, GROUPS, USERS };
