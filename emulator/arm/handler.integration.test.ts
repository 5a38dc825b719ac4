// Rule: the ARM surface answers the real ApiManagementClient with Microsoft's published shapes, pages, filters and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_IDS, DEVELOPER_PRODUCT_API_IDS } from '../seed/test-support/demo-api-ids';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';
import { captureBodies, collect, RG, startArmFixture, SVC, type ArmFixture, restError } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

function example(name: string, status = '200'): unknown {
  return loadExample<{ responses: Record<string, { body: unknown }> }>(`arm/${name}.json`).responses[status]?.body;
}

describe('service, products and APIs', () => {
  it('gets the service with the gateway URL, in the published shape', async () => {
    const raw = captureBodies();
    const service = await fx.client.apiManagementService.get(RG, SVC, raw.options);
    expect(service.gatewayUrl).toBe(fx.emulator.urls.gatewayUrl);
    expect(service.sku).toEqual({ name: 'Developer', capacity: 1 });
    // The example's tags are its owner's own; arrays (regions, endpoints) are empty on the demo service.
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementServiceGetService'), { optional: ['owner', 'ReleaseName'] })).toEqual([]);
  });

  it('lists and gets products in the published shape', async () => {
    const raw = captureBodies();
    const products = await collect(fx.client.product.listByService(RG, SVC, raw.options));
    expect(products.map((p) => p.name)).toEqual(['developer', 'partners', 'starter', 'billing-preview']);
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListProducts'))).toEqual([]);
    const one = captureBodies();
    const partners = await fx.client.product.get(RG, SVC, 'Partners', one.options);
    expect(partners).toMatchObject({ name: 'partners', subscriptionRequired: true, approvalRequired: true });
    expect(shapeDifferences(one.bodies[0], example('ApiManagementGetProduct'))).toEqual([]);
  });

  it('pages products with $top, following nextLink on the emulator origin', async () => {
    const pages = [];
    for await (const page of fx.client.product.listByService(RG, SVC, { top: 1 }).byPage()) pages.push(page.map((p) => p.name));
    expect(pages).toEqual([['developer'], ['partners'], ['starter'], ['billing-preview']]);
    const body = (await (await fx.armFetch(`${fx.servicePath}/products?api-version=2024-05-01&$top=1`)).json()) as {
      nextLink: string;
      count: number;
    };
    expect(body.count).toBe(4);
    expect(body.nextLink.startsWith(`${fx.emulator.urls.armEndpoint}${fx.servicePath}/products?`)).toBe(true);
    expect(new URL(body.nextLink).searchParams.get('$skip')).toBe('1');
  });

  it('filters products and the APIs of a product', async () => {
    const open = await collect(fx.client.product.listByService(RG, SVC, { filter: 'subscriptionRequired eq false' }));
    expect(open.map((p) => p.name)).toEqual(['developer']);
    const raw = captureBodies();
    const apis = await collect(fx.client.productApi.listByProduct(RG, SVC, 'developer', raw.options));
    expect(apis.map((a) => a.name)).toEqual(DEVELOPER_PRODUCT_API_IDS);
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListProductApis'))).toEqual([]);
  });

  it('lists APIs with $filter and $top across pages, and gets one', async () => {
    const raw = captureBodies();
    const current = await collect(fx.client.api.listByService(RG, SVC, { filter: 'isCurrent eq true', top: 2, ...raw.options }));
    expect(current.map((a) => a.name)).toEqual(DEMO_API_IDS);
    expect(raw.bodies).toHaveLength(5);
    // The example's APIs belong to version sets; the first demo APIs are unversioned.
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListApis'), { optional: ['apiVersionSetId'] })).toEqual([]);
    const named = await collect(
      fx.client.api.listByService(RG, SVC, { filter: "contains(properties/displayName,'inv') or name eq 'STATUS'" }),
    );
    expect(named.map((a) => a.name)).toEqual(['inventory', 'status']);
    const one = captureBodies();
    const orders = await fx.client.api.get(RG, SVC, 'orders', one.options);
    expect(orders).toMatchObject({ path: 'orders', subscriptionRequired: false, isCurrent: true });
    // The example is a SOAP API with OAuth 2.0 server settings the demo does not configure.
    expect(shapeDifferences(one.bodies[0], example('ApiManagementGetApiContract'), { optional: ['oAuth2'] })).toEqual([]);
  });

  it('rejects an unsupported $filter with an ARM error', async () => {
    const error = await restError(collect(fx.client.api.listByService(RG, SVC, { filter: 'serviceUrl gt' })));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('ValidationError');
    const unknownField = await restError(collect(fx.client.api.listByService(RG, SVC, { filter: "colour eq 'red'" })));
    expect(unknownField.message).toContain("Field 'colour' is not supported");
  });

  it('lists the products of an API', async () => {
    const products = await collect(fx.client.apiProduct.listByApis(RG, SVC, 'payments'));
    expect(products.map((p) => p.name)).toEqual(['partners']);
  });

  it('lists and gets operations in the published shapes', async () => {
    const raw = captureBodies();
    const operations = await collect(fx.client.apiOperation.listByApi(RG, SVC, 'orders', raw.options));
    expect(operations.length).toBeGreaterThanOrEqual(5);
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListApiOperations'))).toEqual([]);
    const one = captureBodies();
    const remove = await fx.client.apiOperation.get(RG, SVC, 'orders', 'delete-order', one.options);
    expect(remove).toMatchObject({ method: 'DELETE', urlTemplate: '/orders/{id}' });
    expect(remove.templateParameters?.[0]).toMatchObject({ name: 'id', required: true });
    // SOAP operations carry schema references; the demo's JSON operations carry examples instead.
    expect(shapeDifferences(one.bodies[0], example('ApiManagementGetApiOperation'), { optional: ['schemaId', 'typeName'] })).toEqual([]);
  });

  it('lists operations by tag in the published shape, untagged ones only when asked', async () => {
    const raw = captureBodies();
    const tagged = await collect(fx.client.operationOperations.listByTags(RG, SVC, 'orders', raw.options));
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListApiOperationsByTags'))).toEqual([]);
    expect(tagged.find((t) => t.operation?.id === '/apis/orders/operations/delete-order')?.tag).toMatchObject({ name: 'Orders' });
    const operations = await collect(fx.client.apiOperation.listByApi(RG, SVC, 'orders'));
    expect(new Set(tagged.map((t) => t.operation?.id)).size).toBe(operations.length);
  });

  it('answers unknown resources with 404 and the APIM codes', async () => {
    expect((await restError(fx.client.api.get(RG, SVC, 'nope'))).statusCode).toBe(404);
    expect((await restError(fx.client.product.get(RG, SVC, 'nope'))).code).toBe('ProductNotFound');
    expect((await restError(fx.client.apiOperation.get(RG, SVC, 'orders', 'nope'))).statusCode).toBe(404);
    expect((await restError(fx.client.apiManagementService.get(RG, 'other-service'))).code).toBe('ResourceNotFound');
    expect((await restError(fx.client.apiManagementService.get('rg-other', SVC))).code).toBe('ResourceGroupNotFound');
  });

  it('matches the service path case-insensitively like ARM', async () => {
    const res = await fx.armFetch(`${fx.servicePath.toUpperCase()}/APIS/Orders?api-version=2024-05-01`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('orders');
  });
});

describe('authentication and bad input', () => {
  it('rejects a request without a token, and a Graph token, with 401 InvalidAuthenticationToken', async () => {
    const none = await fx.armFetch(`${fx.servicePath}/apis?api-version=2024-05-01`, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const graph = (await fx.credential.getToken('https://graph.microsoft.com/.default')).token;
    const wrong = await fx.armFetch(`${fx.servicePath}/apis?api-version=2024-05-01`, { token: graph });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('wrong audience');
    const forged = await fx.armFetch(`${fx.servicePath}/apis?api-version=2024-05-01`, { token: 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' });
    expect(forged.status).toBe(401);
  });

  it('checks api-version like ARM', async () => {
    const missing = await fx.armFetch(`${fx.servicePath}/apis`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('MissingApiVersionParameter');
    const old = await fx.armFetch(`${fx.servicePath}/apis?api-version=2019-01-01`);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('InvalidApiVersionParameter');
    expect((await fx.armFetch(`${fx.servicePath}/apis?api-version=2022-08-01`)).status).toBe(200);
  });

  it('answers malformed paths and unknown subscriptions without crashing', async () => {
    expect(
      (
        await fx.armFetch(
          '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/x/providers/Microsoft.ApiManagement/service/y?api-version=2024-05-01',
        )
      ).status,
    ).toBe(404);
    expect((await fx.armFetch(`${fx.servicePath}/apis/%E0%A4%A?api-version=2024-05-01`)).status).toBe(400);
    expect((await fx.armFetch(`${fx.servicePath}/apis?api-version=2024-05-01&$top=-1`)).status).toBe(400);
    expect((await fx.armFetch(`${fx.servicePath}/apis/orders?api-version=2024-05-01`, { method: 'POST' })).status).toBe(405);
  });
});
