// Rule: the drift report finds, on a real catalog sync, every kind of drift the tenant's policies and app registrations have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_OPERATIONS } from '../../emulator/apim/demo-inventory';
import { INVENTORY_APP, ORDERS_APP, TENANT_ID } from '../../emulator/seed/demo-tenant';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { addApplicationAppRole } from '@/lib/azure/graph/app-roles';
import { readOperationPolicyVersion } from '@/lib/azure/apim/read-policy-versions';
import { writePolicy } from '@/lib/azure/apim/write-policies';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { loadConfigDoctor } from '@/lib/doctor/load-config-doctor';
import { loadDriftReport } from './load-drift-report';

let env: PortalTestEnv;
const ADMIN = { isAdmin: true };

beforeAll(async () => {
  env = await startPortalTestEnv();
  await syncCatalog(env.db);
});
afterAll(async () => env?.close());

async function replaceInOperationPolicy(apiId: string, operationId: string, from: RegExp | string, to: string) {
  const current = await readOperationPolicyVersion(apiId, operationId);
  expect(current).not.toBeNull();
  const next = current!.xml.replace(from, to);
  expect(next).not.toBe(current!.xml);
  await writePolicy({ kind: 'operation', apiId, operationId }, next, current!.etag);
}

describe('loadDriftReport on the demo tenant', () => {
  it('reports the seeded drift: an audience with no app, an API without validation, APIs with no app', async () => {
    const { findings } = await loadDriftReport(ADMIN, env.db);
    const kinds = (apiId: string) =>
      findings
        .filter((f) => f.apiId === apiId)
        .map((f) => f.check)
        .sort();
    expect(kinds('legacy-billing')).toEqual(['app-mapped', 'audience']);
    expect(kinds('status')).toEqual(['app-mapped', 'token-validation']);
    expect(findings.find((f) => f.check === 'token-validation' && f.apiId === 'status')?.link?.href).toBe('/admin/apis/status/policy');
    expect(findings.some((f) => f.apiId === 'orders')).toBe(false);
  });

  it('reports drift introduced in APIM and Entra: undefined and unenforced roles, a foreign tenant, a v1/v2 issuer mismatch', async () => {
    // Orders: delete-order now requires a role the app does not define; the app gains a role nothing requires.
    await replaceInOperationPolicy('orders', 'delete-order', /<value>Orders\.Admin<\/value>/, '<value>Orders.Purge</value>');
    const added = await addApplicationAppRole(ORDERS_APP.objectId, {
      value: 'Orders.Audit',
      displayName: 'Audit orders',
      description: 'Read the audit trail.',
    });
    expect(added?.value).toBe('Orders.Audit');
    expect(await addApplicationAppRole(ORDERS_APP.objectId, { value: 'Orders.Audit', displayName: 'x', description: 'x' })).toBeNull();
    // Orders: one operation trusts the multi-tenant discovery document.
    await replaceInOperationPolicy(
      'orders',
      'get-order',
      /url="[^"]*"/,
      'url="https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"',
    );
    // Inventory is a v1 app; one operation now lists only the v2 issuer.
    const withIssuers = INVENTORY_OPERATIONS.find((op) => op.check.style === 'required-claims')!;
    await replaceInOperationPolicy(
      'inventory',
      withIssuers.id,
      /<issuer>\{\{entra-issuer-v1\}\}<\/issuer>/,
      '<issuer>{{entra-issuer-v2}}</issuer>',
    );
    await syncCatalog(env.db);

    const { findings } = await loadDriftReport(ADMIN, env.db);
    const undefinedRole = findings.find((f) => f.check === 'required-role' && f.apiId === 'orders');
    expect(undefinedRole?.title).toContain('Orders.Purge');
    expect(undefinedRole?.operations).toEqual(['delete-order']);
    const unenforced = findings.filter((f) => f.check === 'role-enforced' && f.appId === ORDERS_APP.appId).map((f) => f.title);
    expect(unenforced.filter((title) => title.includes('Orders.Audit'))).toHaveLength(1);
    const foreign = findings.find((f) => f.check === 'openid-config');
    expect(foreign).toMatchObject({ apiId: 'orders', operations: ['get-order'] });
    expect(foreign?.detail).toContain(TENANT_ID);
    expect(findings.find((f) => f.check === 'issuer-version')).toMatchObject({
      apiId: 'inventory',
      appId: INVENTORY_APP.appId,
      operations: [withIssuers.id],
    });
  });

  it('finds the broken invariants the configuration doctor shows as the same findings (one rule set, two views)', async () => {
    const { findings: drift } = await loadDriftReport(ADMIN, env.db);
    const doctor = (await loadConfigDoctor()).flatMap((section) => section.findings);
    const undefinedRole = drift.find((f) => f.check === 'required-role' && f.apiId === 'orders');
    expect(undefinedRole?.status).toBe('error');
    expect(doctor.find((f) => f.id === undefinedRole?.id)).toEqual(undefinedRole);
    const foreign = drift.find((f) => f.check === 'openid-config' && f.apiId === 'orders');
    expect(doctor.find((f) => f.id === foreign?.id)).toEqual(foreign);
    expect(doctor.find((f) => f.check === 'audience' && f.apiId === 'legacy-billing' && f.status === 'error')).toEqual(
      drift.find((f) => f.check === 'audience' && f.apiId === 'legacy-billing'),
    );
  });
});
