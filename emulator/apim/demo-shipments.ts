// A versioned demo API: Shipments v1 and v2 in one version set, chosen by path segment (/shipping/v1/…, /shipping/v2/…).
// Both versions validate Orders tokens, so the Orders app registration serves three APIs, as versions of one API usually share one.
import { addApi, linkProduct, putPolicy } from './catalog-writer';
import type { OperationSpec } from './operation-builder';
import { apiJwtPolicy, chooseRolePolicy } from './seed-policies';
import { policyScope } from './state';
import type { ApimState } from './types';

const shipment = { id: 'shp-7781', orderId: 'ord-10042', carrier: 'DHL', status: 'in-transit' };
const READ = ['Orders.Read', 'Orders.Write', 'Orders.Admin'];
const WRITE = ['Orders.Write', 'Orders.Admin'];

type ShipmentSpec = OperationSpec & { roles: string[] };

const V1: ShipmentSpec[] = [
  {
    id: 'list-shipments',
    method: 'GET',
    urlTemplate: '/shipments',
    displayName: 'List shipments',
    tag: 'Shipments',
    description: 'Lists shipments, newest first.',
    responseExample: { value: [shipment] },
    roles: READ,
  },
  {
    id: 'get-shipment',
    method: 'GET',
    urlTemplate: '/shipments/{id}',
    displayName: 'Get shipment',
    tag: 'Shipments',
    description: 'Returns one shipment.',
    params: { id: 'Shipment id.' },
    responseExample: shipment,
    roles: READ,
  },
  {
    id: 'cancel-shipment',
    method: 'DELETE',
    urlTemplate: '/shipments/{id}',
    displayName: 'Cancel shipment',
    tag: 'Shipments',
    status: 204,
    description: 'Cancels a shipment the carrier has not picked up yet.',
    params: { id: 'Shipment id.' },
    roles: WRITE,
  },
  {
    id: 'get-label',
    method: 'GET',
    urlTemplate: '/shipments/{id}/label',
    displayName: 'Get shipping label',
    tag: 'Shipments',
    description: 'The carrier label of one shipment, as a PDF link.',
    params: { id: 'Shipment id.' },
    responseExample: { url: 'https://labels.example/shp-7781.pdf' },
    roles: READ,
  },
  {
    id: 'list-carriers',
    method: 'GET',
    urlTemplate: '/carriers',
    displayName: 'List carriers',
    tag: 'Carriers',
    description: 'Carriers the warehouse ships with.',
    responseExample: { value: [{ id: 'dhl', name: 'DHL' }] },
    roles: READ,
  },
];

const V2: ShipmentSpec[] = [
  ...V1,
  {
    id: 'get-tracking',
    method: 'GET',
    urlTemplate: '/shipments/{id}/tracking',
    displayName: 'Track shipment',
    tag: 'Tracking',
    description: 'Carrier tracking events of one shipment (new in v2).',
    params: { id: 'Shipment id.' },
    responseExample: { events: [{ at: '2026-11-02T08:00:00Z', status: 'picked-up' }] },
    roles: READ,
  },
  {
    id: 'create-shipment',
    method: 'POST',
    urlTemplate: '/shipments',
    displayName: 'Create shipment',
    tag: 'Shipments',
    status: 201,
    description: 'Books a carrier for an order (new in v2).',
    requestExample: { orderId: 'ord-10042', carrier: 'DHL' },
    responseExample: shipment,
    roles: WRITE,
  },
];

export const SHIPMENTS_VERSION_SET = 'shipments';

/** Seeds the Shipments version set and its two versions into the developer product. */
export function seedShipments(state: ApimState): void {
  state.apiVersionSets.set(SHIPMENTS_VERSION_SET, {
    id: SHIPMENTS_VERSION_SET,
    displayName: 'Shipments API',
    description: 'Carrier bookings and tracking.',
    versioningScheme: 'Segment',
  });
  for (const [version, specs] of [
    ['v1', V1],
    ['v2', V2],
  ] as const) {
    const id = `shipments-${version}`;
    addApi(
      state,
      { id, displayName: 'Shipments API', description: 'Carrier bookings and tracking.', path: 'shipping', tags: ['logistics'] },
      specs,
    );
    Object.assign(state.apis.get(id)!, { apiVersion: version, apiVersionSetId: SHIPMENTS_VERSION_SET });
    putPolicy(
      state,
      policyScope.api(id),
      apiJwtPolicy({ audienceNames: ['orders-client-id', 'orders-app-id-uri'], issuers: ['{{entra-issuer-v2}}', '{{entra-issuer-v1}}'] }),
    );
    for (const spec of specs) putPolicy(state, policyScope.operation(id, spec.id), chooseRolePolicy(spec.roles));
    linkProduct(state, 'developer', id);
  }
}
