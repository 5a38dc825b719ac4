// Rule: policy fragments round-trip through ARM as APIM keeps them (format xml|rawxml, ETags), and a policy naming a missing fragment is refused on save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureBodies, collect, RG, restError, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';
const RAW_FRAGMENT =
  '<fragment><set-header name="X-Env" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("X-Env","").Length > 3 ? "p" : "n")</value></set-header></fragment>';

describe('policy fragment CRUD', () => {
  it('lists the seeded fragments in the published shape', async () => {
    const raw = captureBodies();
    const fragments = await collect(fx.client.policyFragment.listByService(RG, SVC, raw.options));
    expect(fragments.map((f) => f.name)).toEqual(['entra-inventory-auth', 'inventory-writers-only']);
    const body = raw.bodies[0] as { value: { type: string; properties: { format: string; value: string } }[]; nextLink: string };
    expect(body.value[0]).toMatchObject({ type: 'Microsoft.ApiManagement/service/policyFragments', properties: { format: 'xml' } });
    expect(body.value[0]?.properties.value).toMatch(/^<fragment>\r\n {2}<validate-jwt /);
  });

  it('creates a fragment from rawxml and reads it back escaped (xml) or as written (rawxml)', async () => {
    const created = await fx.client.policyFragment.beginCreateOrUpdateAndWait(RG, SVC, 'env-header', {
      value: RAW_FRAGMENT,
      format: 'rawxml',
      description: 'Tags the environment',
    });
    expect(created.provisioningState).toBe('Succeeded');
    const xml = await fx.client.policyFragment.get(RG, SVC, 'env-header');
    expect(xml.format).toBe('xml');
    expect(xml.value).toContain('.Length &gt; 3');
    const raw = await fx.client.policyFragment.get(RG, SVC, 'env-header', { format: 'rawxml' });
    expect(raw.value).toContain('GetValueOrDefault("X-Env","").Length > 3');
    expect(raw.description).toBe('Tags the environment');
  });

  it('refuses fragments APIM refuses: sections, <base />, nested fragments, malformed XML', async () => {
    const put = (value: string) => fx.client.policyFragment.beginCreateOrUpdateAndWait(RG, SVC, 'bad', { value, format: 'rawxml' });
    expect((await restError(put('<fragment><inbound><base /></inbound></fragment>'))).statusCode).toBe(400);
    expect((await restError(put('<fragment><base /></fragment>'))).statusCode).toBe(400);
    const nested = await restError(put('<fragment><include-fragment fragment-id="env-header" /></fragment>'));
    expect(nested.message).toContain('cannot include another fragment');
    expect((await restError(put('<policies><inbound /></policies>'))).message).toContain("Root element must be 'fragment'");
    expect((await restError(put('<fragment><set-header name="a"></fragment>'))).statusCode).toBe(400);
  });

  it('refuses a policy that includes a missing fragment, accepts one that includes an existing fragment', async () => {
    const write = (fragmentId: string) =>
      fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', {
        value: `<policies><inbound><base /><include-fragment fragment-id="${fragmentId}" /></inbound>${TAIL}</policies>`,
        format: 'rawxml',
      });
    const missing = await restError(write('no-such-fragment'));
    expect(missing.statusCode).toBe(400);
    expect(missing.code).toBe('ValidationError');
    expect(missing.message).toContain("'no-such-fragment'");
    expect((await write('env-header')).value).toContain('<include-fragment fragment-id="env-header" />');
  });

  it('lists references, keeps a referenced fragment, and deletes with If-Match only', async () => {
    const references = await fx.client.policyFragment.listReferences(RG, SVC, 'env-header');
    expect(references.value?.map((r) => r.id)).toEqual([`${fx.servicePath}/apis/status/policies/policy`]);
    const etag = (await fx.client.policyFragment.getEntityTag(RG, SVC, 'env-header')).eTag as string;
    expect((await restError(fx.client.policyFragment.delete(RG, SVC, 'env-header', etag))).statusCode).toBe(409);
    const policy = await fx.client.apiPolicy.getEntityTag(RG, SVC, 'status', 'policy');
    await fx.client.apiPolicy.delete(RG, SVC, 'status', 'policy', policy.eTag as string);
    expect((await restError(fx.client.policyFragment.delete(RG, SVC, 'env-header', '"stale"'))).statusCode).toBe(412);
    await fx.client.policyFragment.delete(RG, SVC, 'env-header', etag);
    expect((await restError(fx.client.policyFragment.get(RG, SVC, 'env-header'))).statusCode).toBe(404);
  });
});
