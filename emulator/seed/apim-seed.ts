import { addApi, linkProduct, putPolicy, setKeyVaultNamedValue, setNamedValue } from '../apim/catalog-writer';
import { INVENTORY_OPERATIONS } from '../apim/demo-inventory';
import { ORDERS_OPERATIONS, ordersRoles } from '../apim/demo-orders';
import { seedShipments } from '../apim/demo-shipments';
import { LEGACY_BILLING_OPERATIONS, PAYMENTS_OPERATIONS, STATUS_OPERATIONS } from '../apim/demo-other-apis';
import {
  apiJwtPolicy,
  chooseRolePolicy,
  GLOBAL_POLICY,
  PARTNERS_PRODUCT_POLICY,
  requiredClaimsPolicy,
  roleportOperationPolicy,
} from '../apim/seed-policies';
import { ordersApiPolicy, paymentsApiPolicy } from '../apim/seed-api-policies';
import { policyScope } from '../apim/state';
import type { ApimState } from '../apim/types';
import type { EmulatorUrls } from '../context';
import { APIM, INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, USERS } from './demo-tenant';
import { generateCatalog } from './generate-catalog';
import { seedTokenForms } from './token-forms-seed';

function seedService(state: ApimState, urls: EmulatorUrls): void {
  const gateway = new URL(urls.gatewayUrl);
  Object.assign(state.service, {
    subscriptionId: APIM.subscriptionId,
    resourceGroup: APIM.resourceGroup,
    name: APIM.serviceName,
    gatewayUrl: urls.gatewayUrl,
    portalUrl: `${gateway.protocol}//${gateway.host}/portal`,
    developerPortalUrl: `${gateway.protocol}//${gateway.host}/developer`,
    managementApiUrl: urls.armEndpoint,
    scmUrl: `${gateway.protocol}//${gateway.host}/scm`,
  });
}

function seedNamedValues(state: ApimState, urls: EmulatorUrls, tenantId: string): void {
  setNamedValue(state, 'entra-openid-config-url', `${urls.authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`);
  setNamedValue(state, 'tenant-id', tenantId);
  setNamedValue(state, 'entra-issuer-v2', `${urls.authorityHost}/${tenantId}/v2.0`);
  setNamedValue(state, 'entra-issuer-v1', `https://sts.windows.net/${tenantId}/`);
  for (const app of [ORDERS_APP, INVENTORY_APP, PAYMENTS_APP]) {
    setNamedValue(state, `${app.key}-client-id`, app.appId);
    setNamedValue(state, `${app.key}-app-id-uri`, app.identifierUri);
  }
  setNamedValue(state, 'legacy-billing-audience', 'api://contoso-legacy-billing');
  setNamedValue(state, 'payments-partner-secret', 'partner-shared-secret-not-for-production', true);
  // Used by the Orders API policy: the shop's origin (CORS), the status service it checks before production
  // deletes (send-request), and the key for that call, kept in Key Vault as real tenants do (never echoed to callers).
  setNamedValue(state, 'orders-allowed-origin', 'https://shop.contoso.com');
  setNamedValue(state, 'orders-health-url', `${urls.gatewayUrl}/status/health`);
  setKeyVaultNamedValue(
    state,
    'orders-backend-key',
    'https://contoso-vault.vault.azure.net/secrets/orders-backend-key',
    'orders-backend-key-from-key-vault',
  );
}

function seedProducts(state: ApimState): void {
  state.products.set('developer', {
    id: 'developer',
    displayName: 'Developer',
    description: 'Internal APIs for Contoso developers. Open to every signed-in developer; access is granted per app role.',
    subscriptionRequired: false,
    approvalRequired: false,
    state: 'published',
    terms: '',
  });
  state.products.set('partners', {
    id: 'partners',
    displayName: 'Partners',
    description: 'APIs for payment partners. A subscription is required and approved by the platform team.',
    subscriptionRequired: true,
    approvalRequired: true,
    subscriptionsLimit: 1,
    state: 'published',
    terms: 'Partners must keep subscription keys secret and rotate them yearly.',
  });
  state.products.set('starter', {
    id: 'starter',
    displayName: 'Starter',
    description: 'A key for the public status API, granted at once to any developer who accepts the terms.',
    subscriptionRequired: true,
    approvalRequired: false,
    subscriptionsLimit: 1,
    state: 'published',
    terms: 'Keys are for development and testing; do not call more than 10 times per second.',
  });
  // Unpublished: developers cannot see or subscribe to it until an administrator publishes it.
  state.products.set('billing-preview', {
    id: 'billing-preview',
    displayName: 'Billing preview',
    description: 'Early access to the new billing APIs.',
    subscriptionRequired: true,
    approvalRequired: true,
    state: 'notPublished',
    terms: '',
  });
}

function seedApis(state: ApimState): void {
  const v2Issuers = ['{{entra-issuer-v2}}', '{{entra-issuer-v1}}'];
  addApi(
    state,
    {
      id: 'orders',
      displayName: 'Orders API',
      description: 'Create, track and manage customer orders.',
      path: 'orders',
      tags: ['commerce'],
    },
    ORDERS_OPERATIONS,
  );
  putPolicy(state, policyScope.api('orders'), ordersApiPolicy());
  for (const spec of ORDERS_OPERATIONS)
    putPolicy(state, policyScope.operation('orders', spec.id), roleportOperationPolicy(ordersRoles(spec)));

  addApi(
    state,
    {
      id: 'inventory',
      displayName: 'Inventory API',
      description: 'Stock levels, reservations and warehouse adjustments.',
      path: 'inventory',
      tags: ['logistics'],
    },
    INVENTORY_OPERATIONS,
  );
  putPolicy(
    state,
    policyScope.api('inventory'),
    apiJwtPolicy({
      audienceNames: ['inventory-app-id-uri', 'inventory-client-id'],
      issuers: ['{{entra-issuer-v1}}', '{{entra-issuer-v2}}'],
    }),
  );
  for (const spec of INVENTORY_OPERATIONS) {
    if (spec.check.style === 'choose') putPolicy(state, policyScope.operation('inventory', spec.id), chooseRolePolicy(spec.check.roles));
    if (spec.check.style === 'required-claims') {
      putPolicy(
        state,
        policyScope.operation('inventory', spec.id),
        requiredClaimsPolicy(spec.check.roles, 'inventory-app-id-uri', ['{{entra-issuer-v1}}']),
      );
    }
  }

  addApi(
    state,
    {
      id: 'payments',
      displayName: 'Payments API',
      description: 'Payments, refunds and payouts for partners.',
      path: 'payments',
      subscriptionRequired: true,
      tags: ['finance'],
    },
    PAYMENTS_OPERATIONS,
  );
  putPolicy(state, policyScope.api('payments'), paymentsApiPolicy());
  for (const spec of PAYMENTS_OPERATIONS) putPolicy(state, policyScope.operation('payments', spec.id), roleportOperationPolicy(spec.roles));

  addApi(
    state,
    {
      id: 'status',
      displayName: 'Status API',
      description: 'Public health and incident information. No token needed.',
      path: 'status',
      tags: ['platform'],
    },
    STATUS_OPERATIONS,
  );

  addApi(
    state,
    {
      id: 'legacy-billing',
      displayName: 'Legacy Billing API',
      description: 'Invoices and credit notes from the old billing system.',
      path: 'billing',
      tags: ['finance'],
    },
    LEGACY_BILLING_OPERATIONS,
  );
  putPolicy(state, policyScope.api('legacy-billing'), apiJwtPolicy({ audienceNames: ['legacy-billing-audience'], issuers: v2Issuers }));

  for (const id of ['orders', 'inventory', 'status', 'legacy-billing']) linkProduct(state, 'developer', id);
  linkProduct(state, 'partners', 'payments');
  linkProduct(state, 'starter', 'status');
  linkProduct(state, 'billing-preview', 'legacy-billing');
  putPolicy(state, policyScope.global(), GLOBAL_POLICY);
  putPolicy(state, policyScope.product('partners'), PARTNERS_PRODUCT_POLICY);
}

function seedUsers(state: ApimState): void {
  state.users.set('1', {
    id: '1',
    firstName: 'Administrator',
    lastName: '',
    email: 'apis@contoso.com',
    state: 'active',
    registrationDate: '2025-01-15T09:30:00Z',
    identities: [{ provider: 'Basic', id: 'apis@contoso.com' }],
  });
  for (const [key, user] of Object.entries(USERS)) {
    const [firstName = key, ...rest] = user.displayName.split(' ');
    state.users.set(key, {
      id: key,
      firstName,
      lastName: rest.join(' '),
      email: user.userPrincipalName,
      state: 'active',
      registrationDate: '2025-03-01T08:00:00Z',
      identities: [{ provider: 'aad', id: user.oid }],
    });
  }
  state.subscriptions.set('ben-partners', {
    id: 'ben-partners',
    ownerId: '/users/ben',
    scope: '/products/partners',
    displayName: 'Ben – Partners',
    state: 'active',
    primaryKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    secondaryKey: '0f9e8d7c6b5a49382716f5e4d3c2b1a0',
    createdDate: '2026-10-01T09:00:00.000Z',
    startDate: '2026-10-01T00:00:00Z',
    allowTracing: false,
  });
  // The built-in all-APIs subscription every APIM instance has, owned by the administrator.
  state.subscriptions.set('master', {
    id: 'master',
    ownerId: '/users/1',
    scope: '/apis',
    displayName: 'Built-in all-access subscription',
    state: 'active',
    primaryKey: 'f00dfeedcafe00112233445566778899',
    secondaryKey: '99887766554433221100efacdeefd00f',
    createdDate: '2025-01-15T09:30:00.000Z',
    startDate: '2025-01-15T00:00:00Z',
    allowTracing: true,
  });
}

/** Fills the APIM state with the demo tenant's service, products, APIs, policies, users and subscriptions. */
export function seedApim(
  state: ApimState,
  opts: { urls: EmulatorUrls; tenantId: string; generated?: { apis: number; operations: number } },
): void {
  seedService(state, opts.urls);
  seedNamedValues(state, opts.urls, opts.tenantId);
  seedProducts(state);
  seedApis(state);
  seedTokenForms(state);
  seedShipments(state);
  seedUsers(state);
  if (opts.generated && opts.generated.apis > 0) generateCatalog(state, { ...opts.generated, productId: 'developer' });
}

/** Keys of the seeded subscriptions, for tests and demos. */
export const SEEDED_SUBSCRIPTION_KEYS = {
  benPartners: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  master: 'f00dfeedcafe00112233445566778899',
} as const;
