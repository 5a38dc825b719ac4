// Rule: a role map becomes a stable set of policy documents that read back as the same map and keep every foreign statement.
import { describe, expect, it } from 'vitest';
import { roleMapFromPolicies } from '@/lib/policy/operation-access';
import { buildPolicyPlan, PolicyPlanError, policiesAfter, requiredRolesByOperation, type CurrentApiPolicies } from './build-plan';
import { tokenCheckFor } from './token-check';

const TENANT = {
  tenantId: '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34',
  authorityHost: 'https://login.microsoftonline.com',
  v1IssuerHost: 'https://sts.windows.net',
};
const CHECK = tokenCheckFor(
  { appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001', identifierUris: ['api://contoso-orders'], tokenVersion: 2 },
  TENANT,
);

// As APIM returns policies: CRLF, two-space indents, a raw expression, a foreign header and a hand-written Roleport block.
const crlf = (lines: string[]) => lines.join('\r\n');
const API_XML = crlf([
  '<policies>',
  '  <inbound>',
  '    <base />',
  '    <set-header name="X-Trace" exists-action="override">',
  '      <value>@(context.RequestId.ToString())</value>',
  '    </set-header>',
  '  </inbound>',
  '  <backend>',
  '    <base />',
  '  </backend>',
  '  <outbound>',
  '    <base />',
  '  </outbound>',
  '  <on-error>',
  '    <base />',
  '  </on-error>',
  '</policies>',
]);
const opXml = (roles: string[]) =>
  crlf([
    '<policies>',
    '  <inbound>',
    '    <base />',
    '    <!-- roleport:begin -->',
    '    <validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403">',
    '      <required-claims>',
    '        <claim name="roles" match="any">',
    ...roles.map((r) => `          <value>${r}</value>`),
    '        </claim>',
    '      </required-claims>',
    '    </validate-jwt>',
    '    <!-- roleport:end -->',
    '    <rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.IpAddress)" />',
    '  </inbound>',
    '  <backend>',
    '    <base />',
    '  </backend>',
    '  <outbound>',
    '    <set-header name="X-Served-By" exists-action="override">',
    '      <value>orders</value>',
    '    </set-header>',
    '  </outbound>',
    '  <on-error>',
    '    <base />',
    '  </on-error>',
    '</policies>',
  ]);

const current = (): CurrentApiPolicies => ({
  api: { xml: API_XML, etag: 'e-api' },
  operations: {
    'list-orders': { xml: opXml(['Orders.Read', 'Orders.Write']), etag: 'e-list' },
    'delete-order': { xml: opXml(['Orders.Admin', 'Orders.Write']), etag: 'e-delete' },
    'get-order': null,
    'purge-cancelled': { xml: opXml(['Orders.Admin']), etag: 'e-purge' },
  },
});
const MAP = { 'delete-order': ['Orders.Admin'], 'list-orders': ['Orders.Read'], 'get-order': ['Orders.Write', 'Orders.Read'] };
const BLOCK = /\r?\n[ \t]*<!-- roleport:begin -->[\s\S]*?<!-- roleport:end -->/g;

describe('buildPolicyPlan', () => {
  it('is stable: the same map gives the same documents, whatever the order of operations and roles', () => {
    const first = buildPolicyPlan(current(), MAP, CHECK);
    const reordered = {
      'get-order': ['Orders.Read', 'Orders.Write', 'Orders.Read'],
      'list-orders': ['Orders.Read'],
      'delete-order': ['Orders.Admin'],
    };
    expect(buildPolicyPlan(current(), reordered, CHECK)).toEqual(first);
    expect(first.changes.map((c) => c.scope)).toEqual(['operation:delete-order', 'operation:get-order', 'operation:list-orders', 'api']);
  });

  it('round-trips: the generated documents read back as the map, and applying them again changes nothing', () => {
    const plan = buildPolicyPlan(current(), MAP, CHECK);
    const after = policiesAfter(current(), plan);
    expect(roleMapFromPolicies(after.operations)).toEqual({
      'list-orders': ['Orders.Read'],
      'delete-order': ['Orders.Admin'],
      'get-order': ['Orders.Read', 'Orders.Write'],
      'purge-cancelled': ['Orders.Admin'],
    });
    const required = requiredRolesByOperation(after);
    expect(required['delete-order']).toEqual({ validatesToken: true, requiredRoles: [['Orders.Admin']] });
    expect(required['get-order']?.requiredRoles).toEqual([['Orders.Read', 'Orders.Write']]);
    const applied: CurrentApiPolicies = {
      api: { xml: after.api!, etag: 'x' },
      operations: Object.fromEntries(Object.entries(after.operations).map(([id, xml]) => [id, xml ? { xml, etag: 'x' } : null])),
    };
    expect(buildPolicyPlan(applied, MAP, CHECK).changes).toEqual([]);
  });

  it('keeps every statement outside the Roleport markers byte for byte and leaves unmapped operations alone', () => {
    const plan = buildPolicyPlan(current(), MAP, CHECK);
    const del = plan.changes.find((c) => c.operationId === 'delete-order')!;
    expect(del.after.replace(BLOCK, '')).toBe(opXml(['Orders.Admin', 'Orders.Write']).replace(BLOCK, ''));
    expect(del.after).toContain('counter-key="@(context.Request.IpAddress)"');
    const api = plan.changes.find((c) => c.scope === 'api')!;
    expect(api.after.replace(BLOCK, '')).toBe(API_XML);
    expect(api.after).toContain(`<issuer>${TENANT.authorityHost}/${TENANT.tenantId}/v2.0</issuer>`);
    expect(api.after).toContain(`<openid-config url="${TENANT.authorityHost}/${TENANT.tenantId}/v2.0/.well-known/openid-configuration" />`);
    expect(plan.changes.some((c) => c.operationId === 'purge-cancelled')).toBe(false);
    expect(del.rows.some((r) => r.kind !== 'same')).toBe(true);
  });

  it('writes the v1 issuer for an app that accepts v1 tokens, and removes the block for an empty role list', () => {
    const v1 = tokenCheckFor({ appId: 'a', identifierUris: ['api://inv'], tokenVersion: 1 }, TENANT);
    expect(v1.issuers).toEqual([`https://sts.windows.net/${TENANT.tenantId}/`]);
    expect(v1.audiences).toEqual(['api://inv', 'a']);
    const plan = buildPolicyPlan(current(), { 'list-orders': [] }, v1);
    expect(plan.changes[0]?.after).toBe(opXml(['Orders.Read', 'Orders.Write']).replace(BLOCK, ''));
    expect(buildPolicyPlan(current(), { 'get-order': [] }, v1).changes.map((c) => c.scope)).toEqual(['api']);
  });

  it('refuses a policy it cannot edit safely', () => {
    const broken = {
      ...current(),
      operations: { x: { xml: '<policies><inbound><!-- roleport:begin --></inbound></policies>', etag: 'e' } },
    };
    expect(() => buildPolicyPlan(broken, { x: ['A'] }, CHECK)).toThrow(PolicyPlanError);
  });
});
