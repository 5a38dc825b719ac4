import 'server-only';
import type { SetupConfig } from '@/lib/env';
import { CATALOG_EVENT_TYPES, EVENT_GRID_SUBSCRIBER, EVENT_SUBSCRIPTION_NAME, webhookUrl } from './event-grid-registration';
import type { EventGridState } from './read-event-grid';

export type EventGridStep = { text: string } & (
  | { kind: 'create-event-grid-sp' }
  | { kind: 'assign-event-grid-role'; appRoleId: string }
  /** The body is made when applied: a registration created in the same run has no client id before. */
  | { kind: 'put-event-subscription' }
);

/** The audience Event Grid asks tokens for: the first of ROLEPORT_EVENT_GRID_AUDIENCE, else the client id. */
export const eventGridAudience = (config: SetupConfig, appId: string | undefined) => config.eventGridAudience ?? appId ?? '<the client id>';

export function subscriptionBody(config: SetupConfig, audience: string) {
  return {
    properties: {
      destination: {
        endpointType: 'WebHook',
        properties: {
          endpointUrl: webhookUrl(config.publicUrl),
          // Microsoft Entra authenticated delivery (learn.microsoft.com/azure/event-grid/secure-webhook-delivery).
          azureActiveDirectoryTenantId: config.tenantId,
          azureActiveDirectoryApplicationIdOrUri: audience,
          maxEventsPerBatch: 1,
          preferredBatchSizeInKilobytes: 64,
        },
      },
      filter: { includedEventTypes: CATALOG_EVENT_TYPES },
      eventDeliverySchema: 'EventGridSchema',
    },
  };
}

/**
 * Event Grid's delivery of APIM's catalog events to Roleport's webhook, Entra-authenticated: its service principal,
 * the subscriber role on Roleport's registration, and the event subscription on the APIM service. Empty when all
 * three are as wanted (a subscription whose provisioning failed is written again).
 */
export function planEventGrid(
  config: SetupConfig,
  state: EventGridState,
  subscriberRoleId: string,
  appId: string | undefined,
): EventGridStep[] {
  const steps: EventGridStep[] = [];
  if (!state.eventGridSpId)
    steps.push({ kind: 'create-event-grid-sp', text: "create Azure Event Grid's service principal (Microsoft.EventGrid) in the tenant" });
  if (!state.eventGridRoleIds.has(subscriberRoleId))
    steps.push({
      kind: 'assign-event-grid-role',
      appRoleId: subscriberRoleId,
      text: `assign Azure Event Grid the app role ${EVENT_GRID_SUBSCRIBER.value} on the app registration`,
    });
  const audience = eventGridAudience(config, appId);
  const current = state.subscription;
  const same =
    current?.provisioningState === 'Succeeded' &&
    current.endpointBaseUrl === webhookUrl(config.publicUrl) &&
    current.tenantId === config.tenantId &&
    current.audience === audience &&
    [...current.types].sort().join() === [...CATALOG_EVENT_TYPES].sort().join();
  if (!same)
    steps.push({
      kind: 'put-event-subscription',
      text: `${current ? 'update' : 'create'} the Event Grid subscription ${EVENT_SUBSCRIPTION_NAME} on the API Management service: API, release and product events to ${webhookUrl(config.publicUrl)}, Microsoft Entra authenticated for ${audience}`,
    });
  return steps;
}
