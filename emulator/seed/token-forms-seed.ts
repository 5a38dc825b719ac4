import { canonicalizeFragment } from '../apim/policy-fragments';
import { addApi, linkProduct, putPolicy, setNamedValue } from '../apim/catalog-writer';
import type { OperationSpec } from '../apim/operation-builder';
import { newEtag, policyScope } from '../apim/state';
import type { ApimState } from '../apim/types';
import { PORTAL_APP } from './demo-tenant';

// The two other ways real tenants validate Entra tokens: validate-azure-ad-token (Deliveries API, backed by the Orders
// app registration) and checks shared through policy fragments (Stock Alerts API, backed by the Inventory app).

const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';

/** Fragment ids the demo policies include. */
export const DEMO_FRAGMENTS = { inventoryAuth: 'entra-inventory-auth', inventoryWriters: 'inventory-writers-only' } as const;

const FRAGMENTS: Record<string, { description: string; xml: string }> = {
  [DEMO_FRAGMENTS.inventoryAuth]: {
    description: 'Validates Entra tokens issued for the Inventory app registration and exposes them as jwt.',
    xml:
      '<fragment><validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" ' +
      'failed-validation-error-message="Unauthorized. Access token is missing or invalid." output-token-variable-name="jwt">' +
      '<openid-config url="{{entra-openid-config-url}}" />' +
      '<audiences><audience>{{inventory-app-id-uri}}</audience><audience>{{inventory-client-id}}</audience></audiences>' +
      '<issuers><issuer>{{entra-issuer-v1}}</issuer></issuers></validate-jwt></fragment>',
  },
  [DEMO_FRAGMENTS.inventoryWriters]: {
    description: 'Lets only callers holding Inventory.Write or Inventory.Admin through.',
    xml:
      '<fragment><validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403" ' +
      'failed-validation-error-message="Forbidden. Inventory writers only.">' +
      '<openid-config url="{{entra-openid-config-url}}" /><issuers><issuer>{{entra-issuer-v1}}</issuer></issuers>' +
      '<required-claims><claim name="roles" match="any"><value>Inventory.Write</value><value>Inventory.Admin</value></claim></required-claims>' +
      '</validate-jwt></fragment>',
  },
};

const op = (
  id: string,
  method: OperationSpec['method'],
  urlTemplate: string,
  displayName: string,
  tag: string,
  params?: Record<string, string>,
) => ({ id, method, urlTemplate, displayName, tag, description: `${displayName}.`, ...(params ? { params } : {}) }) satisfies OperationSpec;

const DELIVERY_OPERATIONS: OperationSpec[] = [
  op('list-deliveries', 'GET', '/deliveries', 'List deliveries', 'Deliveries'),
  op('get-delivery', 'GET', '/deliveries/{deliveryId}', 'Get delivery', 'Deliveries', { deliveryId: 'Delivery id.' }),
  op('schedule-delivery', 'POST', '/deliveries', 'Schedule delivery', 'Deliveries'),
  op('track-delivery', 'GET', '/deliveries/{deliveryId}/tracking', 'Track delivery', 'Tracking', { deliveryId: 'Delivery id.' }),
  op('cancel-delivery', 'DELETE', '/deliveries/{deliveryId}', 'Cancel delivery', 'Deliveries', { deliveryId: 'Delivery id.' }),
];

const STOCK_ALERT_OPERATIONS: OperationSpec[] = [
  op('list-alerts', 'GET', '/alerts', 'List stock alerts', 'Alerts'),
  op('get-alert', 'GET', '/alerts/{alertId}', 'Get stock alert', 'Alerts', { alertId: 'Alert id.' }),
  op('acknowledge-alert', 'POST', '/alerts/{alertId}/acknowledge', 'Acknowledge stock alert', 'Alerts', { alertId: 'Alert id.' }),
  op('list-thresholds', 'GET', '/thresholds', 'List alert thresholds', 'Thresholds'),
  op('set-threshold', 'PUT', '/thresholds/{sku}', 'Set alert threshold', 'Thresholds', { sku: 'Stock keeping unit.' }),
];

function putFragment(state: ApimState, id: string, description: string, xml: string): void {
  const result = canonicalizeFragment(xml, 'rawxml', (name) => state.namedValues.has(name));
  if (!result.ok) throw new Error(`Seed fragment ${id} is invalid: ${result.message}`);
  state.policyFragments.set(id, { id, description, xml: result.xml, etag: newEtag() });
}

/** Seeds the fragments and the Deliveries and Stock Alerts APIs; named values of the main seed must exist already. */
export function seedTokenForms(state: ApimState): void {
  setNamedValue(state, 'roleport-client-id', PORTAL_APP.appId);
  for (const [id, fragment] of Object.entries(FRAGMENTS)) putFragment(state, id, fragment.description, fragment.xml);

  addApi(
    state,
    {
      id: 'deliveries',
      displayName: 'Deliveries API',
      description: 'Parcels on their way to customers.',
      path: 'deliveries',
      tags: ['commerce'],
    },
    DELIVERY_OPERATIONS,
  );
  putPolicy(
    state,
    policyScope.api('deliveries'),
    '<policies><inbound><base />' +
      '<validate-azure-ad-token tenant-id="{{tenant-id}}" failed-validation-httpcode="401" output-token-variable-name="jwt">' +
      '<client-application-ids><application-id>{{roleport-client-id}}</application-id></client-application-ids>' +
      '<backend-application-ids><application-id>{{orders-client-id}}</application-id></backend-application-ids>' +
      '<audiences><audience>{{orders-app-id-uri}}</audience><audience>{{orders-client-id}}</audience></audiences>' +
      `</validate-azure-ad-token></inbound>${TAIL}</policies>`,
  );
  putPolicy(
    state,
    policyScope.operation('deliveries', 'cancel-delivery'),
    '<policies><inbound><base />' +
      '<validate-azure-ad-token tenant-id="{{tenant-id}}" failed-validation-httpcode="403" failed-validation-error-message="Forbidden. Orders.Admin only.">' +
      '<client-application-ids><application-id>{{roleport-client-id}}</application-id></client-application-ids>' +
      '<required-claims><claim name="roles" match="any"><value>Orders.Admin</value></claim></required-claims>' +
      `</validate-azure-ad-token></inbound>${TAIL}</policies>`,
  );

  addApi(
    state,
    {
      id: 'stock-alerts',
      displayName: 'Stock Alerts API',
      description: 'Low-stock alerts from the warehouses.',
      path: 'stock-alerts',
      tags: ['logistics'],
    },
    STOCK_ALERT_OPERATIONS,
  );
  putPolicy(
    state,
    policyScope.api('stock-alerts'),
    `<policies><inbound><base /><include-fragment fragment-id="${DEMO_FRAGMENTS.inventoryAuth}" /></inbound>${TAIL}</policies>`,
  );
  putPolicy(
    state,
    policyScope.operation('stock-alerts', 'acknowledge-alert'),
    `<policies><inbound><base /><include-fragment fragment-id="${DEMO_FRAGMENTS.inventoryWriters}" /></inbound>${TAIL}</policies>`,
  );
  for (const id of ['deliveries', 'stock-alerts']) linkProduct(state, 'developer', id);
}
