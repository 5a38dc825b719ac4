// Rule: policy `format` behaves as on APIM: `xml` escapes expression bodies, `rawxml` returns them as written, lists ignore `format`, and only a rawxml read written back as rawxml round-trips.
import type { FullOperationResponse } from '@azure/core-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmFixture, RG, SVC, type ArmFixture } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

/** apiPolicy.get drops the value (the SDK reads the JSON body as XML), so the raw response is read. */
async function readApiPolicy(apiId: string, format: 'xml' | 'rawxml'): Promise<{ xml: string; etag: string }> {
  let raw: FullOperationResponse | undefined;
  await fx.client.apiPolicy.get(RG, SVC, apiId, 'policy', {
    format,
    onResponse: (r) => {
      raw = r;
    },
  });
  const body = JSON.parse(raw!.bodyAsText!) as { properties: { value: string } };
  return { xml: body.properties.value, etag: raw!.headers.get('etag')! };
}

describe('policy formats on the seeded Orders API policy', () => {
  it('escapes expression bodies in xml and returns them as written in rawxml', async () => {
    const xml = await readApiPolicy('orders', 'xml');
    const raw = await readApiPolicy('orders', 'rawxml');
    expect(xml.xml).toContain('GetValueOrDefault(&quot;X-Env&quot;,&quot;&quot;) == &quot;prod&quot; &amp;&amp; context.Request.Method');
    expect(xml.xml).toContain('.Any(r =&gt; r == &quot;Orders.Admin&quot;)');
    expect(raw.xml).toContain('GetValueOrDefault("X-Env","") == "prod" && context.Request.Method == "DELETE"');
    expect(raw.xml).toContain('GetHashCode() >> 4) & 0x0F');
    expect(raw.xml).toContain('Body?.As<JObject>(preserveContent: true)?["currency"]');
    expect(raw.xml).toContain('new JProperty("source", "<gateway scope=\\"api\\"/>")');
    expect(raw.xml).toContain(
      '<![CDATA[{"statusCode":451,"message":"Orders are unavailable in this environment & region <see runbook>."}]]>',
    );
    expect(raw.xml).toMatch(/^<!--\r\n {2}Orders API\./);
    expect(raw.xml).toContain('<audience>{{orders-client-id}}</audience>');
    expect(raw.etag).toBe(xml.etag);
  });

  it('answers a policy list in xml whatever format is asked for (the list operations take no format)', async () => {
    const listed = await fx.client.apiPolicy.listByApi(RG, SVC, 'orders');
    const xml = await readApiPolicy('orders', 'xml');
    expect(listed.value?.[0]?.value).toBe(xml.xml);
    const asked = await fx.armFetch(`${fx.servicePath}/apis/orders/policies?api-version=2024-05-01&format=rawxml`);
    const body = (await asked.json()) as { value: { properties: { value: string; format?: string } }[] };
    expect(body.value[0]?.properties.value).toBe(xml.xml);
    expect(body.value[0]?.properties.format).toBeUndefined();
  });

  it('stores a rawxml read written back as rawxml byte for byte, at every seeded scope', async () => {
    for (const apiId of ['orders', 'payments', 'inventory']) {
      const before = await readApiPolicy(apiId, 'rawxml');
      const written = await fx.client.apiPolicy.createOrUpdate(
        RG,
        SVC,
        apiId,
        'policy',
        { value: before.xml, format: 'rawxml' },
        { ifMatch: before.etag },
      );
      expect(written.eTag).not.toBe(before.etag);
      expect((await readApiPolicy(apiId, 'rawxml')).xml).toBe(before.xml);
    }
    const operation = await fx.client.apiOperationPolicy.get(RG, SVC, 'inventory', 'list-items', 'policy', { format: 'rawxml' });
    await fx.client.apiOperationPolicy.createOrUpdate(
      RG,
      SVC,
      'inventory',
      'list-items',
      'policy',
      { value: operation.value!, format: 'rawxml' },
      { ifMatch: operation.eTag },
    );
    expect((await fx.client.apiOperationPolicy.get(RG, SVC, 'inventory', 'list-items', 'policy', { format: 'rawxml' })).value).toBe(
      operation.value,
    );
  });

  it('escapes an xml read a second time when it is written back as rawxml, as APIM does', async () => {
    const raw = await readApiPolicy('payments', 'rawxml');
    const xml = await readApiPolicy('payments', 'xml');
    await fx.client.apiPolicy.createOrUpdate(RG, SVC, 'payments', 'policy', { value: xml.xml, format: 'rawxml' }, { ifMatch: xml.etag });
    const after = await readApiPolicy('payments', 'rawxml');
    expect(raw.xml).toContain('?? "anonymous"');
    expect(after.xml).toContain('?? &quot;anonymous&quot;');
    expect((await readApiPolicy('payments', 'xml')).xml).toContain('?? &amp;quot;anonymous&amp;quot;');
  });
});
