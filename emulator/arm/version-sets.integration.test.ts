// Rule: ARM serves API version sets and each version's apiVersion / apiVersionSetId in Microsoft's published shapes, through the
// real ApiManagementClient; the version-set list takes no $filter (its documented filter table is empty).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';
import { captureBodies, collect, restError, RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => fx?.stop());

const example = (name: string) => loadExample<{ responses: Record<string, { body: unknown }> }>(`arm/${name}.json`).responses['200']?.body;

describe('API version sets', () => {
  it('lists the seeded Shipments set in the published shape and gets it by name', async () => {
    const raw = captureBodies();
    const sets = await collect(fx.client.apiVersionSet.listByService(RG, SVC, raw.options));
    expect(sets.map((s) => [s.name, s.displayName, s.versioningScheme])).toEqual([['shipments', 'Shipments API', 'Segment']]);
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListApiVersionSets'))).toEqual([]);
    const one = await fx.client.apiVersionSet.get(RG, SVC, 'SHIPMENTS');
    expect(one.id).toBe(`${fx.servicePath}/apiVersionSets/shipments`);
    expect((await restError(fx.client.apiVersionSet.get(RG, SVC, 'nope'))).statusCode).toBe(404);
  });

  it('refuses a $filter on version sets and writes it does not emulate', async () => {
    const filtered = restError(collect(fx.client.apiVersionSet.listByService(RG, SVC, { filter: "displayName eq 'x'" })));
    expect((await filtered).statusCode).toBe(400);
    const put = await fx.armFetch(`${fx.servicePath}/apiVersionSets/other?api-version=2024-05-01`, {
      method: 'PUT',
      body: JSON.stringify({ properties: { displayName: 'x', versioningScheme: 'Header' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(put.status).toBe(405);
  });

  it('gives each version its identifier and its set’s full id, in the list and on GET', async () => {
    const raw = captureBodies();
    const apis = await collect(fx.client.api.listByService(RG, SVC, raw.options));
    const versions = apis.filter((a) => a.apiVersionSetId);
    expect(versions.map((a) => [a.name, a.apiVersion, a.apiVersionSetId])).toEqual([
      ['shipments-v1', 'v1', `${fx.servicePath}/apiVersionSets/shipments`],
      ['shipments-v2', 'v2', `${fx.servicePath}/apiVersionSets/shipments`],
    ]);
    expect(apis.find((a) => a.name === 'orders')).not.toHaveProperty('apiVersionSetId');
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListApis'), { optional: ['apiVersion', 'apiVersionSetId'] })).toEqual([]);
    expect((await fx.client.api.get(RG, SVC, 'shipments-v2')).apiVersion).toBe('v2');
  });
});
