import 'server-only';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { ARM_EVENT_GRID_API_VERSION, EVENT_GRID_APP_ID, EVENT_SUBSCRIPTION_NAME } from './event-grid-registration';
import type { SetupClients } from './setup-clients';

type Json = Record<string, unknown>;

/** The parts of the event subscription set-up compares (reads show the endpoint's base URL, never the URL written). */
export interface EventSubscriptionView {
  endpointBaseUrl: string;
  tenantId: string;
  audience: string;
  types: string[];
  provisioningState: string;
}

export interface EventGridState {
  /** Event Grid's service principal in the tenant (absent until someone used Event Grid with Entra there). */
  eventGridSpId: string | null;
  /** appRoleIds Event Grid's service principal holds on Roleport's. */
  eventGridRoleIds: Set<string>;
  subscription: EventSubscriptionView | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export const eventSubscriptionUrl = (armEndpoint: string, serviceScope: string) =>
  `${armEndpoint}/${serviceScope}/providers/Microsoft.EventGrid/eventSubscriptions/${EVENT_SUBSCRIPTION_NAME}?api-version=${ARM_EVENT_GRID_API_VERSION}`;

/** GET of the event subscription through ARM: null when there is none. */
export async function readEventSubscription(clients: SetupClients, url: string): Promise<EventSubscriptionView | null> {
  const response = await clients.arm.sendRequest(createPipelineRequest({ url, method: 'GET' }));
  if (response.status === 404) return null;
  const body = JSON.parse(response.bodyAsText ?? '{}') as Json;
  if (response.status !== 200) throw new Error(armMessage(body, response.status));
  const properties = (body.properties ?? {}) as Json;
  const destination = ((properties.destination ?? {}) as Json).properties as Json | undefined;
  const filter = (properties.filter ?? {}) as Json;
  return {
    endpointBaseUrl: text(destination?.endpointBaseUrl),
    tenantId: text(destination?.azureActiveDirectoryTenantId),
    audience: text(destination?.azureActiveDirectoryApplicationIdOrUri),
    types: Array.isArray(filter.includedEventTypes) ? filter.includedEventTypes.map(text) : [],
    provisioningState: text(properties.provisioningState),
  };
}

export function armMessage(body: Json, status: number): string {
  const error = (body.error ?? {}) as Json;
  return `${text(error.code) || `HTTP ${status}`}: ${text(error.message) || 'no message'}`;
}

/** What exists of the Event Grid delivery: Event Grid's service principal, its role on Roleport, the subscription. */
export async function readEventGrid(
  clients: SetupClients,
  armEndpoint: string,
  serviceScope: string,
  roleportSpId: string | undefined,
): Promise<EventGridState> {
  const filter = encodeURIComponent(`appId eq '${EVENT_GRID_APP_ID}'`);
  const found = (await clients.graph.api(`/servicePrincipals?$filter=${filter}`).get()) as { value?: Json[] };
  const eventGridSpId = found.value?.[0] ? text(found.value[0].id) : null;
  const roleIds = new Set<string>();
  if (eventGridSpId && roleportSpId) {
    let next: string | undefined = `/servicePrincipals/${roleportSpId}/appRoleAssignedTo`;
    while (next) {
      const page = (await clients.graph.api(next).get()) as { value?: Json[]; '@odata.nextLink'?: string };
      for (const a of page.value ?? []) if (text(a.principalId) === eventGridSpId) roleIds.add(text(a.appRoleId));
      next = page['@odata.nextLink'];
    }
  }
  const subscription = await readEventSubscription(clients, eventSubscriptionUrl(armEndpoint, serviceScope));
  return { eventGridSpId, eventGridRoleIds: roleIds, subscription };
}
