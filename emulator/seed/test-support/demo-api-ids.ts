// The seeded demo APIs as tests expect ARM to list them: in the order the seed adds them.

/** Every seeded API, current versions included. */
export const DEMO_API_IDS = [
  'orders',
  'inventory',
  'payments',
  'status',
  'legacy-billing',
  'deliveries',
  'stock-alerts',
  'shipments-v1',
  'shipments-v2',
];

/** The APIs of the Developer product: all but Payments, which only partners reach. */
export const DEVELOPER_PRODUCT_API_IDS = DEMO_API_IDS.filter((id) => id !== 'payments');
