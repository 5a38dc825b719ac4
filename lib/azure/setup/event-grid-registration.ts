import 'server-only';

/** Azure Event Grid's first-party application (learn.microsoft.com/azure/event-grid/secure-webhook-delivery). */
export const EVENT_GRID_APP_ID = '4962773b-9cdb-44cf-a8bf-237846a00ab7';

/**
 * The app role a Microsoft Entra protected webhook's registration defines and assigns to Event Grid's service principal,
 * so the tokens Event Grid presents carry it (secure-webhook-delivery; Roleport's endpoint requires it).
 */
export const EVENT_GRID_SUBSCRIBER = {
  value: 'AzureEventGridSecureWebhookSubscriber',
  displayName: 'AzureEventGridSecureWebhookSubscriber',
  description: 'Azure Event Grid delivers API Management events to Roleport.',
  allowedMemberTypes: ['Application'],
  isEnabled: true,
} as const;

/** The event subscription set-up keeps on the APIM service's system topic. */
export const EVENT_SUBSCRIPTION_NAME = 'roleport-catalog';

/**
 * The APIM events that change Roleport's catalog (lib/catalog/events/event-target.ts): APIs, their releases and
 * products. Users and subscriptions change nothing in the catalog, so they are not delivered at all.
 */
export const CATALOG_EVENT_TYPES = ['API', 'APIRelease', 'Product'].flatMap((kind) =>
  ['Created', 'Updated', 'Deleted'].map((verb) => `Microsoft.ApiManagement.${kind}${verb}`),
);

export const webhookUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/api/events/apim`;

export const ARM_EVENT_GRID_API_VERSION = '2025-02-15';
