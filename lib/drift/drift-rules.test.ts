// Rule: each kind of drift between policies and app registrations is found, named once, and linked to its fix.
import { describe, expect, it } from 'vitest';
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import type { JwtValidation } from '@/lib/policy/jwt-validation';
import { findDrift, type DriftInput } from './drift-rules';

const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const HOST = 'https://login.microsoftonline.com';
const V2 = `${HOST}/${TID}/v2.0`;
const V1 = `https://sts.windows.net/${TID}/`;
const CONFIG = `${V2}/.well-known/openid-configuration`;

const jwt = (over: Partial<JwtValidation> = {}): JwtValidation => ({
  scope: 'api',
  managedByRoleport: false,
  tokenSource: { kind: 'header', name: 'Authorization', scheme: 'Bearer' },
  failedValidationHttpCode: 401,
  openIdConfigUrls: [CONFIG],
  audiences: ['api://orders'],
  issuers: [V2],
  requiredClaims: [],
  namedValues: [],
  unresolvedNamedValues: [],
  ...over,
});
const op = (id: string, validations: JwtValidation[], requiredRoles: string[][] = []): IndexedOperation => ({
  id,
  displayName: id,
  method: 'GET',
  urlTemplate: `/${id}`,
  description: '',
  tag: null,
  parameters: [],
  representations: [],
  access: { validatesToken: validations.length > 0, validations, requiredRoles, unknowns: [] },
});
const api = (id: string, appId: string | null): IndexedApi => ({
  id,
  displayName: `${id} API`,
  description: '',
  path: id,
  gatewayBaseUrl: '',
  subscriptionRequired: false,
  products: [],
  operationCount: 0,
  appId,
  appSource: appId ? 'policy' : 'none',
  access: { tokenValidation: 'all', audiences: [], issuers: [], openIdConfigUrls: [], roles: [], unknowns: [] },
  syncedAt: '',
  syncError: null,
});
const role = (value: string) => ({ id: value, value, displayName: value, description: '', isEnabled: true, allowedMemberTypes: ['User'] });
const app = (appId: string, uri: string, tokenVersion: 1 | 2, roles: string[]): IndexedApp => ({
  appId,
  objectId: `obj-${appId}`,
  servicePrincipalId: `sp-${appId}`,
  displayName: `${appId} app`,
  identifierUris: [uri],
  tokenVersion,
  appRoles: roles.map(role),
  owners: [],
  groupHoldings: [],
});

const INPUT: DriftInput = {
  tenant: { tenantId: TID, authorityHost: HOST, v1IssuerHost: 'https://sts.windows.net' },
  apps: [app('orders', 'api://orders', 2, ['Orders.Read', 'Orders.Write', 'Orders.Audit']), app('inv', 'api://inv', 1, ['Inv.Read'])],
  apis: [
    {
      api: api('orders', 'orders'),
      operations: [
        op(
          'list',
          [jwt(), jwt({ scope: 'operation', requiredClaims: [{ name: 'roles', match: 'any', values: ['Orders.Read'] }] })],
          [['Orders.Read']],
        ),
        op(
          'purge',
          [jwt(), jwt({ scope: 'operation', requiredClaims: [{ name: 'roles', match: 'any', values: ['Orders.Admin'] }] })],
          [['Orders.Admin']],
        ),
        op('edit', [jwt()], [['Orders.Write']]),
        op('health', []),
      ],
    },
    { api: api('inventory', 'inv'), operations: [op('stock', [jwt({ audiences: ['api://inv'], issuers: [V2] })], [['Inv.Read']])] },
    {
      api: api('billing', null),
      operations: [
        op('invoices', [jwt({ audiences: ['api://billing'], openIdConfigUrls: [`${HOST}/common/v2.0/.well-known/openid-configuration`] })]),
      ],
    },
    { api: api('both', 'inv'), operations: [op('ok', [jwt({ audiences: ['api://inv'], issuers: [V1, V2] })], [['Inv.Read']])] },
  ],
};

describe('findDrift', () => {
  const findings = findDrift(INPUT);
  const of = (kind: string) => findings.filter((f) => f.kind === kind);

  it('finds operations with no token validation, per API', () => {
    expect(of('no-token-validation').map((f) => [f.apiId, f.operations])).toEqual([['orders', ['health']]]);
    expect(of('no-token-validation')[0]?.fix.href).toBe('/admin/apis/orders/policy');
  });

  it('finds roles required but not defined, and roles defined but enforced nowhere', () => {
    expect(of('role-undefined').map((f) => [f.apiId, f.title.includes('Orders.Admin'), f.operations])).toEqual([
      ['orders', true, ['purge']],
    ]);
    expect(of('role-unenforced').map((f) => [f.appId, f.title.includes('Orders.Audit')])).toEqual([['orders', true]]);
  });

  it('finds audiences that name no app registration and discovery documents outside the tenant', () => {
    expect(of('audience-unmatched').map((f) => [f.apiId, f.title.includes('api://billing'), f.fix.href])).toEqual([
      ['billing', true, '/apis/billing'],
    ]);
    expect(of('foreign-tenant').map((f) => [f.apiId, f.operations])).toEqual([['billing', ['invoices']]]);
  });

  it('finds a v2-only issuer list on an app that issues v1 tokens, but accepts listing both', () => {
    expect(of('issuer-version').map((f) => [f.apiId, f.operations])).toEqual([['inventory', ['stock']]]);
  });

  it('finds APIs with no mapped app registration', () => {
    expect(of('no-app').map((f) => f.apiId)).toEqual(['billing']);
  });

  it('finds nothing in a tidy index', () => {
    const tidy: DriftInput = { ...INPUT, apps: [INPUT.apps[1]!], apis: [INPUT.apis[3]!] };
    expect(findDrift(tidy)).toEqual([]);
  });
});
