// Rule: named values are created, updated, read and deleted through ARM as APIM does (secrets only through listValue, Key Vault references resolved), and policy saves are checked against them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGateway } from '@/test/harness/gateway-calls';
import { restError, RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const VAULT_SECRET = 'https://contoso-vault.vault.azure.net/secrets/orders-backend-key';

describe('named values through ARM', () => {
  it('creates a plain value (201), updates it with its ETag (PATCH and PUT), and refuses a stale ETag with 412', async () => {
    let status = 0;
    const created = await fx.client.namedValue.beginCreateOrUpdateAndWait(
      RG,
      SVC,
      'billing-region',
      { displayName: 'billing-region', value: 'westeurope', tags: ['billing'] },
      {
        onResponse: (r) => {
          status = r.status;
        },
      },
    );
    expect(status).toBe(201);
    expect(created).toMatchObject({ name: 'billing-region', displayName: 'billing-region', value: 'westeurope', secret: false });
    const tag = await fx.client.namedValue.getEntityTag(RG, SVC, 'billing-region');
    const patched = await fx.client.namedValue.beginUpdateAndWait(RG, SVC, 'billing-region', tag.eTag!, { value: 'northeurope' });
    expect(patched.value).toBe('northeurope');
    expect(patched.tags).toEqual(['billing']);
    const stale = await restError(fx.client.namedValue.beginUpdateAndWait(RG, SVC, 'billing-region', tag.eTag!, { value: 'x' }));
    expect(stale.statusCode).toBe(412);
    const current = await fx.client.namedValue.get(RG, SVC, 'billing-region');
    const replaced = await fx.client.namedValue.beginCreateOrUpdateAndWait(
      RG,
      SVC,
      'billing-region',
      { displayName: 'billing-region', value: 'swedencentral' },
      { ifMatch: current.eTag },
    );
    expect(replaced.value).toBe('swedencentral');
    const noIfMatch = await fx.armFetch(`${fx.servicePath}/namedValues/billing-region?api-version=2024-05-01`, {
      method: 'PATCH',
      body: JSON.stringify({ properties: { value: 'x' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(noIfMatch.status).toBe(400);
  });

  it('never returns a secret from get or list, only from listValue', async () => {
    await fx.client.namedValue.beginCreateOrUpdateAndWait(RG, SVC, 'partner-token', {
      displayName: 'partner-token',
      value: 's3cr3t-value',
      secret: true,
    });
    const got = await fx.client.namedValue.get(RG, SVC, 'partner-token');
    expect(got.secret).toBe(true);
    expect(got.value).toBeUndefined();
    const listed = await fx.armFetch(`${fx.servicePath}/namedValues?api-version=2024-05-01`);
    expect(await listed.text()).not.toContain('s3cr3t-value');
    expect((await fx.client.namedValue.listValue(RG, SVC, 'partner-token')).value).toBe('s3cr3t-value');
  });

  it('resolves a Key Vault reference, reports its status, and refuses a secret the vault does not hold', async () => {
    const created = await fx.client.namedValue.beginCreateOrUpdateAndWait(RG, SVC, 'kv-backend-key', {
      displayName: 'kv-backend-key',
      secret: true,
      keyVault: { secretIdentifier: VAULT_SECRET, identityClientId: 'ceaa6b06-c00f-43ef-99ac-f53d1fe876a0' },
    });
    expect(created.value).toBeUndefined();
    expect(created.keyVault).toMatchObject({ secretIdentifier: VAULT_SECRET, lastStatus: { code: 'Success' } });
    expect((await fx.client.namedValue.listValue(RG, SVC, 'kv-backend-key')).value).toBe('orders-backend-key-from-key-vault');
    // The gateway substitutes the secret it fetched from the vault.
    await fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-components', 'policy', {
      value:
        '<policies><inbound><base /><set-header name="X-Key" exists-action="override"><value>{{kv-backend-key}}</value></set-header></inbound>' +
        '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>',
      format: 'rawxml',
    });
    const reply = await callGateway(fx.emulator.urls.gatewayUrl, 'GET', '/status/components');
    expect((reply.json.headers as Record<string, string>)['x-key']).toBe('orders-backend-key-from-key-vault');
    const missing = await restError(
      fx.client.namedValue.beginCreateOrUpdateAndWait(RG, SVC, 'kv-missing', {
        displayName: 'kv-missing',
        secret: true,
        keyVault: { secretIdentifier: 'https://contoso-vault.vault.azure.net/secrets/nope' },
      }),
    );
    expect(missing.statusCode).toBe(400);
  });

  it('validates names and values as the REST spec does', async () => {
    const bad = (properties: Record<string, unknown>, id = 'bad-one') =>
      restError(fx.client.namedValue.beginCreateOrUpdateAndWait(RG, SVC, id, properties as never));
    expect((await bad({ displayName: 'has space', value: 'x' })).statusCode).toBe(400);
    expect((await bad({ displayName: 'empty', value: '   ' })).message).toContain('may not be empty');
    expect((await bad({ displayName: 'long', value: 'x'.repeat(4097) })).statusCode).toBe(400);
    expect((await bad({ displayName: 'kv', keyVault: { secretIdentifier: VAULT_SECRET }, secret: false })).statusCode).toBe(400);
    expect((await bad({ displayName: 'tenant-id', value: 'dupe' })).statusCode).toBe(409);
    expect((await restError(fx.client.namedValue.get(RG, SVC, 'never-created'))).statusCode).toBe(404);
  });

  it('checks policy saves against the named values that exist, and the gateway substitutes new ones', async () => {
    const policy = {
      value:
        '<policies><inbound><base /><set-header name="X-Region" exists-action="override"><value>{{edge-region}}</value></set-header></inbound>' +
        '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>',
      format: 'rawxml' as const,
    };
    const refused = await restError(fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-version', 'policy', policy));
    expect(refused.statusCode).toBe(400);
    expect(refused.message).toBe("Cannot find a property 'edge-region'");
    const malformed = await restError(
      fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-version', 'policy', {
        value: '<policies><inbound><base /></policies>',
        format: 'rawxml',
      }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.code).toBe('ValidationError');

    await fx.client.namedValue.beginCreateOrUpdateAndWait(RG, SVC, 'edge-region', { displayName: 'edge-region', value: 'eu-west' });
    await fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-version', 'policy', policy);
    const reply = await callGateway(fx.emulator.urls.gatewayUrl, 'GET', '/status/version');
    expect((reply.json.headers as Record<string, string>)['x-region']).toBe('eu-west');

    // A value a policy uses cannot be deleted; once unused it can, with its ETag.
    const tag = await fx.client.namedValue.getEntityTag(RG, SVC, 'edge-region');
    expect((await restError(fx.client.namedValue.delete(RG, SVC, 'edge-region', tag.eTag!))).statusCode).toBe(409);
    const policyTag = await fx.client.apiOperationPolicy.getEntityTag(RG, SVC, 'status', 'get-version', 'policy');
    await fx.client.apiOperationPolicy.delete(RG, SVC, 'status', 'get-version', 'policy', policyTag.eTag!);
    await fx.client.namedValue.delete(RG, SVC, 'edge-region', tag.eTag!);
    expect((await restError(fx.client.namedValue.get(RG, SVC, 'edge-region'))).statusCode).toBe(404);
  });
});
