// Rule: an applied role map is what the gateway enforces, a concurrent edit is reported (If-Match), and rollback restores APIM's exact text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGateway, userToken } from '@/test/harness/gateway-calls';
import { GROUPS, ORDERS_APP, USERS } from '../../emulator/seed/demo-tenant';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { PolicyConflictError, writePolicy } from '@/lib/azure/apim/write-policies';
import { listIndexedOperations } from '@/lib/catalog/read-index';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { applyRoleMap } from './apply-role-map';
import { listPolicyBatches } from './policy-batches';
import { previewRoleMap } from './preview-plan';
import { findPreviewUsers, previewUserAccess } from './preview-user-access';
import { readCurrentPolicies } from './read-current';
import { rollbackBatch } from './rollback-batch';

let env: PortalTestEnv;
const PRIYA = { oid: USERS.priya.oid, name: 'Priya Natarajan', isAdmin: true };
const MAP = { 'delete-order': ['Orders.Admin'], 'list-orders': ['Orders.Read'] };
const OPS = ['delete-order', 'list-orders', 'get-order'];

beforeAll(async () => {
  env = await startPortalTestEnv();
  await syncCatalog(env.db);
  const sp = ORDERS_APP.servicePrincipalId;
  // Olivia gets Orders.Admin and Ada Orders.Read; Ben keeps Orders.Write only.
  expect(env.emulator.directory.assign(USERS.olivia.oid, sp, ORDERS_APP.roles['Orders.Admin']!).ok).toBe(true);
  expect(env.emulator.directory.assign(USERS.ada.oid, sp, ORDERS_APP.roles['Orders.Read']!).ok).toBe(true);
});
afterAll(async () => env?.close());

async function status(user: 'ada' | 'ben' | 'olivia', method: string, path: string): Promise<number> {
  const token = await userToken(env.emulator.urls.authorityHost, user, ORDERS_APP.identifierUri);
  return (await callGateway(env.emulator.urls.gatewayUrl, method, `/orders${path}`, { token })).status;
}

describe('applying a role map to the Orders API', () => {
  let original: Awaited<ReturnType<typeof readCurrentPolicies>>;
  let batchId: string;

  it('previews a user: Ben (Orders.Write) may delete now, not under the map; group-held roles count', async () => {
    expect((await findPreviewUsers(env.db, PRIYA, 'orders', 'ben')).map((u) => u.id)).toEqual([USERS.ben.oid]);
    expect((await findPreviewUsers(env.db, PRIYA, 'orders', '')).map((u) => u.id).sort()).toEqual(
      [USERS.ada.oid, USERS.ben.oid, USERS.olivia.oid].sort(),
    );
    const ben = await previewUserAccess(env.db, PRIYA, { apiId: 'orders', userId: USERS.ben.oid, map: MAP });
    expect(ben.roles).toEqual([{ value: 'Orders.Write', via: 'direct' }]);
    expect(ben.rows).toEqual([
      { operationId: 'delete-order', current: true, proposed: false },
      { operationId: 'list-orders', current: true, proposed: false },
    ]);
    // Orders.Admin through a group Ben is in (Inventory Readers) lets him delete under the map as well.
    const viaGroup = env.emulator.directory.assign(
      GROUPS.inventoryReaders.id,
      ORDERS_APP.servicePrincipalId,
      ORDERS_APP.roles['Orders.Admin']!,
    );
    expect(viaGroup.ok).toBe(true);
    try {
      const withGroup = await previewUserAccess(env.db, PRIYA, { apiId: 'orders', userId: USERS.ben.oid, map: MAP });
      expect(withGroup.roles).toContainEqual({ value: 'Orders.Admin', via: 'group Inventory Readers' });
      expect(withGroup.rows.find((r) => r.operationId === 'delete-order')).toEqual({
        operationId: 'delete-order',
        current: true,
        proposed: true,
      });
    } finally {
      if (viaGroup.ok) env.emulator.directory.unassign(viaGroup.assignment.id);
    }
  });

  it('previews only the scopes that change, then writes them in order, leaving the API token check alone', async () => {
    original = await readCurrentPolicies('orders', OPS);
    const preview = await previewRoleMap(env.db, PRIYA, { apiId: 'orders', map: MAP });
    // The Orders API already validates Orders tokens (validate-jwt with named values): its scope does not change.
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:delete-order', 'operation:list-orders']);
    expect(preview.changes[0]?.reason).toMatch(
      /requires Orders\.Admin instead of Orders\.Admin or Orders\.Write\. It is written as validate-jwt/,
    );
    expect(preview.changes[0]?.requiredAfter).toEqual([['Orders.Admin']]);
    expect(preview.etags['operation:delete-order']).toBe(original.operations['delete-order']?.etag);
    const outcome = await applyRoleMap(env.db, PRIYA, { apiId: 'orders', map: MAP, etags: preview.etags });
    expect(outcome.failed).toBeUndefined();
    expect(outcome.written).toEqual(['operation:delete-order', 'operation:list-orders']);
    batchId = outcome.batchId!;
    const saved = await env.db.selectFrom('policy_version').selectAll().where('batch_id', '=', batchId).execute();
    expect(saved.find((v) => v.scope === 'operation:delete-order')?.xml).toBe(original.operations['delete-order']?.xml);
    expect(saved.map((v) => v.scope)).not.toContain('api');
    const after = await readCurrentPolicies('orders', OPS);
    expect(after.api).toEqual(original.api);
    // The operation check repeats the API's settings as written: named values, not spelled-out URLs or ids.
    const deleteOrder = after.operations['delete-order']!.xml;
    expect(deleteOrder).toContain('<openid-config url="{{entra-openid-config-url}}" />');
    expect(deleteOrder).toContain('<audience>{{orders-client-id}}</audience>');
    expect(deleteOrder).not.toContain(env.emulator.urls.authorityHost);
    expect(deleteOrder.match(/<validate-jwt /g)).toHaveLength(1);
  });

  it('makes the gateway answer exactly as the map says, and refreshes the index', async () => {
    expect(await status('ben', 'DELETE', '/orders/ord-10042')).toBe(403);
    expect(await status('olivia', 'DELETE', '/orders/ord-10042')).toBe(200);
    expect(await status('ada', 'DELETE', '/orders/ord-10042')).toBe(403);
    expect(await status('ada', 'GET', '/orders')).toBe(200);
    expect(await status('ben', 'GET', '/orders')).toBe(403);
    expect(await status('olivia', 'GET', '/orders')).toBe(403);
    // Untouched operations keep their policy: get-order still admits Read, Write and Admin.
    expect(await status('ben', 'GET', '/orders/ord-10042')).toBe(200);
    const token = await userToken(env.emulator.urls.authorityHost, 'ben', ORDERS_APP.identifierUri);
    const denied = await callGateway(env.emulator.urls.gatewayUrl, 'DELETE', '/orders/orders/ord-10042', { token });
    expect(JSON.stringify(denied.json)).toContain('Orders.Admin');
    expect((await callGateway(env.emulator.urls.gatewayUrl, 'GET', '/orders/orders')).status).toBe(401);
    const ops = await listIndexedOperations(env.db, 'orders');
    expect(ops.find((o) => o.id === 'delete-order')?.access.requiredRoles).toEqual([['Orders.Admin']]);
    expect(ops.find((o) => o.id === 'list-orders')?.access.requiredRoles).toEqual([['Orders.Read']]);
  });

  it('reports an edit made in APIM between preview and apply instead of overwriting it', async () => {
    const map = { 'delete-order': ['Orders.Admin', 'Orders.Write'] };
    const preview = await previewRoleMap(env.db, PRIYA, { apiId: 'orders', map });
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:delete-order']);
    const now = await readCurrentPolicies('orders', ['delete-order']);
    const edited = now.operations['delete-order']!.xml.replace(
      '<outbound>',
      '<outbound>\r\n    <set-header name="X-Edited" exists-action="override"><value>yes</value></set-header>',
    );
    await writePolicy({ kind: 'operation', apiId: 'orders', operationId: 'delete-order' }, edited, now.operations['delete-order']!.etag);
    const outcome = await applyRoleMap(env.db, PRIYA, { apiId: 'orders', map, etags: preview.etags });
    expect(outcome).toMatchObject({ batchId: null, written: [], failed: { scope: 'operation:delete-order', conflict: true } });
    expect(await status('ben', 'DELETE', '/orders/ord-10042')).toBe(403);
    // The stale ETag itself is refused by APIM.
    await expect(
      writePolicy({ kind: 'operation', apiId: 'orders', operationId: 'delete-order' }, edited, now.operations['delete-order']!.etag),
    ).rejects.toBeInstanceOf(PolicyConflictError);
  });

  it('rolls back the batch to the exact text APIM returned before, and records it', async () => {
    const outcome = await rollbackBatch(env.db, PRIYA, batchId);
    expect(outcome.failed).toBeUndefined();
    expect(outcome.written).toEqual(['operation:delete-order', 'operation:list-orders']);
    const restored = await readCurrentPolicies('orders', OPS);
    for (const id of OPS) expect(restored.operations[id]?.xml).toBe(original.operations[id]?.xml);
    expect(restored.api?.xml).toBe(original.api?.xml);
    expect(await status('ben', 'DELETE', '/orders/ord-10042')).toBe(200);
    expect(await status('ben', 'GET', '/orders')).toBe(200);
    await expect(rollbackBatch(env.db, PRIYA, batchId)).rejects.toThrow(/already been rolled back/);
    const batches = await listPolicyBatches(env.db, 'orders');
    expect(batches.find((b) => b.batchId === batchId)).toMatchObject({ kind: 'apply', rolledBack: true });
    const actions = await env.db.selectFrom('audit_event').select('action').where('subject_id', '=', batchId).execute();
    expect(actions.map((a) => a.action)).toEqual(['policy.applied', 'policy.rolled_back']);
  });

  it('refuses anyone who is not a portal admin', async () => {
    await expect(previewRoleMap(env.db, { ...PRIYA, isAdmin: false }, { apiId: 'orders', map: MAP })).rejects.toThrow(/portal admins/);
  });
});
