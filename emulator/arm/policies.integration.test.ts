// Rule: policies round-trip through ARM as APIM stores them (escaped, pretty-printed), with ETags, If-Match and validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';
import { captureBodies, collect, RG, startArmFixture, SVC, type ArmFixture, restError } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

type Example = {
  parameters: { parameters?: { properties: { value: string; format: string } } };
  responses: Record<string, { body: { properties: { value: string } } }>;
};
const example = (name: string) => loadExample<Example>(`arm/${name}.json`);

describe('reading policies', () => {
  it('reproduces the apiPolicy.get SDK defect: the JSON body is read as XML and the value is lost', async () => {
    const raw = captureBodies();
    const viaGet = await fx.client.apiPolicy.get(RG, SVC, 'orders', 'policy', raw.options);
    expect(viaGet.value).toBeUndefined();
    const body = raw.bodies[0] as { properties: { value: string } };
    expect(body.properties.value).toContain('<validate-jwt');
    expect(shapeDifferences(body, example('ApiManagementGetApiPolicy').responses['200']?.body)).toEqual([]);
  });

  it('lists API policies with the value, in the published shape', async () => {
    const raw = captureBodies();
    const list = await fx.client.apiPolicy.listByApi(RG, SVC, 'orders', raw.options);
    expect(list.value?.[0]?.value).toContain('output-token-variable-name="jwt"');
    expect(
      shapeDifferences(
        raw.bodies[0],
        (loadExample('arm/ApiManagementListApiPolicies.json') as { responses: { 200: { body: unknown } } }).responses[200].body,
      ),
    ).toEqual([]);
  });

  it('returns escaped XML by default and unescaped expressions with format=rawxml', async () => {
    const xml = await fx.client.apiOperationPolicy.get(RG, SVC, 'inventory', 'list-items', 'policy');
    expect(xml.value).toContain('Variables[&quot;jwt&quot;]');
    expect(xml.value).toMatch(/^<policies>\r\n {2}<inbound>\r\n {4}<base \/>/);
    const raw = await fx.client.apiOperationPolicy.get(RG, SVC, 'inventory', 'list-items', 'policy', { format: 'rawxml' });
    expect(raw.value).toContain('Variables["jwt"]');
    const captured = captureBodies();
    await fx.client.apiOperationPolicy.get(RG, SVC, 'orders', 'get-order', 'policy', captured.options);
    expect(shapeDifferences(captured.bodies[0], example('ApiManagementGetApiOperationPolicy').responses['200']?.body)).toEqual([]);
  });

  it('reads global and product policies in the published shapes', async () => {
    const captured = captureBodies();
    const global = await fx.client.policy.get(RG, SVC, 'policy', captured.options);
    expect(global.value).toContain('<forward-request />');
    expect(shapeDifferences(captured.bodies[0], example('ApiManagementGetPolicy').responses['200']?.body)).toEqual([]);
    const product = captureBodies();
    await fx.client.productPolicy.get(RG, SVC, 'partners', 'policy', product.options);
    expect(shapeDifferences(product.bodies[0], example('ApiManagementGetProductPolicy').responses['200']?.body)).toEqual([]);
    const list = captureBodies();
    // Unlike apiPolicy.listByApi, this one is a pager in SDK 10.
    const listed = await collect(fx.client.productPolicy.listByProduct(RG, SVC, 'partners', list.options));
    expect(listed[0]?.value).toContain('X-Partner-Channel');
    expect(
      shapeDifferences(
        list.bodies[0],
        (loadExample('arm/ApiManagementListProductPolicies.json') as { responses: { 200: { body: unknown } } }).responses[200].body,
      ),
    ).toEqual([]);
    const globalList = (await (await fx.armFetch(`${fx.servicePath}/policies?api-version=2024-05-01`)).json()) as {
      value: unknown[];
      count: number;
      nextLink: string;
    };
    expect(globalList).toMatchObject({ count: 1, nextLink: '' });
  });

  it('answers 404 for a scope without a policy, and for unknown scopes', async () => {
    expect((await restError(fx.client.apiPolicy.getEntityTag(RG, SVC, 'status', 'policy'))).statusCode).toBe(404);
    expect((await restError(fx.client.apiOperationPolicy.get(RG, SVC, 'orders', 'nope', 'policy'))).statusCode).toBe(404);
  });
});

describe('writing policies', () => {
  it('stores rawxml as Microsoft does: escaped expressions, CRLF and two-space indents, 201 then 200', async () => {
    const sample = example('ApiManagementCreateApiPolicyNonXmlEncoded');
    // The example's rawxml put on the Status API's get-version operation.
    const putSample = (options: Parameters<typeof fx.client.apiOperationPolicy.createOrUpdate>[6]) =>
      fx.client.apiOperationPolicy.createOrUpdate(
        RG,
        SVC,
        'status',
        'get-version',
        'policy',
        sample.parameters.parameters!.properties,
        options,
      );
    const first = await putSample({ ifMatch: '*' });
    expect(first.value).toBe(sample.responses['201']?.body.properties.value);
    const raw = captureBodies();
    let status = 0;
    const second = await putSample({
      onResponse: (r) => {
        status = r.status;
        raw.options.onResponse(r);
      },
    });
    expect(status).toBe(200);
    expect(second.eTag).toBeTruthy();
    expect(second.eTag).not.toBe(first.eTag);
    expect(shapeDifferences(raw.bodies[0], sample.responses['200']?.body)).toEqual([]);
    expect((raw.bodies[0] as { properties: Record<string, unknown> }).properties.format).toBeUndefined();
  });

  it('pretty-prints xml-format input exactly like the published example', async () => {
    const sample = example('ApiManagementCreateApiPolicy');
    const saved = await fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', sample.parameters.parameters!.properties, {
      ifMatch: '*',
    });
    expect(saved.value).toBe(sample.responses['200']?.body.properties.value);
  });

  it('rejects a stale If-Match with 412 and accepts the current ETag', async () => {
    const policy = {
      value: '<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound></policies>',
      format: 'rawxml' as const,
    };
    const current = await fx.client.productPolicy.getEntityTag(RG, SVC, 'partners', 'policy');
    const updated = await fx.client.productPolicy.createOrUpdate(RG, SVC, 'partners', 'policy', policy, { ifMatch: current.eTag });
    const stale = await restError(fx.client.productPolicy.createOrUpdate(RG, SVC, 'partners', 'policy', policy, { ifMatch: current.eTag }));
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe('PreconditionFailed');
    await fx.client.productPolicy.createOrUpdate(RG, SVC, 'partners', 'policy', policy, { ifMatch: updated.eTag });
  });

  it('creates only with If-None-Match: * (201), and answers 412 once a policy exists', async () => {
    const createOnly = { requestOptions: { customHeaders: { 'If-None-Match': '*' } } };
    const policy = { value: '<policies><inbound><base /></inbound></policies>', format: 'rawxml' as const };
    let status = 0;
    await fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-components', 'policy', policy, {
      ...createOnly,
      onResponse: (r) => {
        status = r.status;
      },
    });
    expect(status).toBe(201);
    const again = await restError(
      fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-components', 'policy', policy, createOnly),
    );
    expect(again.statusCode).toBe(412);
    expect(again.code).toBe('PreconditionFailed');
  });

  it('rejects invalid XML, a wrong root and an unknown named value with 400 ValidationError naming the problem', async () => {
    const broken = await restError(
      fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', { value: '<policies><inbound></policies>', format: 'xml' }),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.code).toBe('ValidationError');
    expect(broken.message).toContain('not well formed');
    const root = await restError(fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', { value: '<policy />', format: 'xml' }));
    expect(root.message).toContain("'policies'");
    const named = await restError(
      fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', {
        value: '<policies><inbound><set-header name="x"><value>{{missing-one}}</value></set-header></inbound></policies>',
        format: 'rawxml',
      }),
    );
    expect(named.message).toBe("Cannot find a property 'missing-one'");
  });

  it('answers malformed JSON and oversized bodies like ARM', async () => {
    const path = `${fx.servicePath}/apis/status/policies/policy?api-version=2024-05-01`;
    const bad = await fx.armFetch(path, { method: 'PUT', body: '{"properties":', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('InvalidRequestContent');
    const huge = await fx.armFetch(path, {
      method: 'PUT',
      body: JSON.stringify({ properties: { value: 'x'.repeat(5 * 1024 * 1024) } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(huge.status).toBe(413);
  });

  it('deletes a policy with If-Match and then reports it missing', async () => {
    const tag = await fx.client.apiOperationPolicy.getEntityTag(RG, SVC, 'status', 'get-version', 'policy');
    await fx.client.apiOperationPolicy.delete(RG, SVC, 'status', 'get-version', 'policy', tag.eTag!);
    expect((await restError(fx.client.apiOperationPolicy.get(RG, SVC, 'status', 'get-version', 'policy'))).statusCode).toBe(404);
  });
});
