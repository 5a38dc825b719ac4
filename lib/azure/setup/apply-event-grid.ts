import 'server-only';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { SetupConfig } from '@/lib/env';
import type { AppliedIds } from './applied-ids';
import { EVENT_GRID_APP_ID, webhookUrl } from './event-grid-registration';
import { eventGridAudience, subscriptionBody, type EventGridStep } from './plan-event-grid';
import { armMessage, eventSubscriptionUrl, readEventSubscription } from './read-event-grid';
import type { TenantState } from './read-tenant';
import type { SetupClients } from './setup-clients';

type Json = Record<string, unknown>;
/** Event Grid validates the webhook while it creates the subscription; a minute is ample (usually a few seconds). */
const PROVISIONING_TIMEOUT_MS = 120_000;
const POLL_MS = 1_000;

const need = (value: string | undefined | null, what: string) => {
  if (!value) throw new Error(`Internal: ${what} is not known yet.`);
  return value;
};

/** Writes the event subscription and waits for Event Grid to finish provisioning it (its webhook handshake included). */
async function putEventSubscription(clients: SetupClients, config: SetupConfig, state: TenantState, ids: AppliedIds) {
  const url = eventSubscriptionUrl(config.armEndpoint, state.serviceScope);
  const body = subscriptionBody(config, eventGridAudience(config, ids.appId));
  const response = await clients.arm.sendRequest(
    createPipelineRequest({
      url,
      method: 'PUT',
      body: JSON.stringify(body),
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
    }),
  );
  if (response.status !== 200 && response.status !== 201)
    throw new Error(armMessage(JSON.parse(response.bodyAsText || '{}') as Json, response.status));
  const deadline = Date.now() + PROVISIONING_TIMEOUT_MS;
  for (;;) {
    const current = await readEventSubscription(clients, url);
    if (current?.provisioningState === 'Succeeded') return;
    if (current?.provisioningState === 'Failed' || !current)
      throw new Error(
        `Event Grid could not validate the webhook ${webhookUrl(config.publicUrl)}: Roleport must be running there (deploy it first, or run set-up with --no-event-grid until it is).`,
      );
    if (Date.now() > deadline) throw new Error('Event Grid did not finish provisioning the subscription in time; run set-up again.');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Applies one Event Grid step through Graph or ARM. */
export async function applyEventGridStep(
  clients: SetupClients,
  config: SetupConfig,
  state: TenantState,
  step: EventGridStep,
  ids: AppliedIds,
): Promise<void> {
  switch (step.kind) {
    case 'create-event-grid-sp': {
      const sp = (await clients.graph.api('/servicePrincipals').post({ appId: EVENT_GRID_APP_ID })) as Json;
      ids.eventGridSpId = String(sp.id);
      return;
    }
    case 'assign-event-grid-role': {
      const resourceId = need(ids.servicePrincipalId, 'the service principal');
      await clients.graph.api(`/servicePrincipals/${resourceId}/appRoleAssignedTo`).post({
        principalId: need(ids.eventGridSpId ?? state.eventGrid?.eventGridSpId, "Event Grid's service principal"),
        resourceId,
        appRoleId: step.appRoleId,
      });
      return;
    }
    case 'put-event-subscription':
      return putEventSubscription(clients, config, state, ids);
  }
}
