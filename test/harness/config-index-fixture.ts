// A small catalog index for the configuration rules' tests: each kind of misconfiguration once, beside a tidy API. Its
// builders (jwt, op, api, app) make the indexed shapes for any catalog test.
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import type { ConfigRulesInput } from '@/lib/config-rules/config-rules-input';
import type { JwtValidation } from '@/lib/policy/jwt-validation';

export const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
export const HOST = 'https://login.microsoftonline.com';
export const V2 = `${HOST}/${TID}/v2.0`;
export const V1 = `https://sts.windows.net/${TID}/`;
export const CONFIG = `${V2}/.well-known/openid-configuration`;

export const jwt = (over: Partial<JwtValidation> = {}): JwtValidation => ({
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

export const op = (id: string, validations: JwtValidation[], requiredRoles: string[][] = []): IndexedOperation => ({
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

export const api = (id: string, appId: string | null, tokenValidation: 'all' | 'partial' | 'none' = 'all'): IndexedApi => ({
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
  access: { tokenValidation, audiences: [], issuers: [], openIdConfigUrls: [], roles: [], unknowns: [] },
  syncedAt: '',
  syncError: null,
});

const role = (value: string) => ({ id: value, value, displayName: value, description: '', isEnabled: true, allowedMemberTypes: ['User'] });

export const app = (appId: string, uri: string, tokenVersion: 1 | 2, roles: string[]): IndexedApp => ({
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

/** orders: an open operation, an undefined role, an unenforced one; inventory: v2 issuers for a v1 app; billing: another tenant, no app; both: tidy. */
export const MISCONFIGURED_INDEX: ConfigRulesInput = {
  tenant: { tenantId: TID, authorityHost: HOST, v1IssuerHost: 'https://sts.windows.net' },
  apps: [app('orders', 'api://orders', 2, ['Orders.Read', 'Orders.Write', 'Orders.Audit']), app('inv', 'api://inv', 1, ['Inv.Read'])],
  apis: [
    {
      api: api('orders', 'orders', 'partial'),
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
