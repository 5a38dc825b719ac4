import type { OperationSpec } from './operation-builder';

const item = { sku: 'SKU-RED-MUG', name: 'Red mug', warehouse: 'AMS-1', onHand: 412, reserved: 18, reorderPoint: 100 };

/** How an Inventory operation checks roles: a hand-written choose/when, a required-claims block, or none. */
export type InventoryCheck = { style: 'choose' | 'required-claims'; roles: string[] } | { style: 'none' };

/** The Inventory API (v1 tokens): stock levels, reservations and warehouse adjustments. */
export const INVENTORY_OPERATIONS: (OperationSpec & { check: InventoryCheck })[] = [
  {
    id: 'list-items',
    method: 'GET',
    urlTemplate: '/items',
    displayName: 'List stock items',
    tag: 'Stock',
    description: 'Lists stock items, optionally for one warehouse or below their reorder point.',
    query: [
      { name: 'warehouse', description: 'Warehouse code, e.g. AMS-1.' },
      { name: 'belowReorderPoint', description: 'Only items that need reordering.', type: 'boolean' },
    ],
    responseExample: { value: [item] },
    check: { style: 'choose', roles: ['Inventory.Read', 'Inventory.Write', 'Inventory.Admin'] },
  },
  {
    id: 'get-item',
    method: 'GET',
    urlTemplate: '/items/{sku}',
    displayName: 'Get stock item',
    tag: 'Stock',
    description: 'Returns stock levels of one SKU across warehouses.',
    params: { sku: 'Stock keeping unit.' },
    responseExample: item,
    check: { style: 'choose', roles: ['Inventory.Read', 'Inventory.Write', 'Inventory.Admin'] },
  },
  {
    id: 'adjust-stock',
    method: 'POST',
    urlTemplate: '/items/{sku}/adjustments',
    displayName: 'Adjust stock',
    tag: 'Stock',
    status: 201,
    description: 'Records a stock correction after a count (positive or negative quantity).',
    params: { sku: 'Stock keeping unit.' },
    requestExample: { warehouse: 'AMS-1', quantity: -3, reason: 'breakage' },
    responseExample: { id: 'adj-5510', sku: 'SKU-RED-MUG', quantity: -3 },
    check: { style: 'choose', roles: ['Inventory.Write', 'Inventory.Admin'] },
  },
  {
    id: 'create-reservation',
    method: 'POST',
    urlTemplate: '/reservations',
    displayName: 'Reserve stock',
    tag: 'Reservations',
    status: 201,
    description: 'Reserves stock for an order until it ships or the reservation expires.',
    requestExample: { orderId: 'ord-10042', lines: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
    responseExample: { id: 'res-3021', expiresAt: '2026-11-04T10:15:00Z' },
    check: { style: 'required-claims', roles: ['Inventory.Write', 'Inventory.Admin'] },
  },
  {
    id: 'release-reservation',
    method: 'DELETE',
    urlTemplate: '/reservations/{reservationId}',
    displayName: 'Release reservation',
    tag: 'Reservations',
    status: 204,
    description: 'Releases a reservation before it expires.',
    params: { reservationId: 'Reservation id.' },
    check: { style: 'required-claims', roles: ['Inventory.Write', 'Inventory.Admin'] },
  },
  {
    id: 'list-warehouses',
    method: 'GET',
    urlTemplate: '/warehouses',
    displayName: 'List warehouses',
    tag: 'Warehouses',
    description: 'Lists warehouses with their addresses and cut-off times.',
    responseExample: { value: [{ code: 'AMS-1', city: 'Amsterdam', cutOff: '16:00' }] },
    check: { style: 'none' },
  },
  {
    id: 'set-reorder-point',
    method: 'PUT',
    urlTemplate: '/items/{sku}/reorder-point',
    displayName: 'Set reorder point',
    tag: 'Planning',
    description: 'Changes the stock level at which an item is reordered.',
    params: { sku: 'Stock keeping unit.' },
    requestExample: { reorderPoint: 150 },
    responseExample: { ...item, reorderPoint: 150 },
    check: { style: 'choose', roles: ['Inventory.Admin'] },
  },
];
