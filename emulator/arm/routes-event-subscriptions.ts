import type { IncomingMessage } from 'node:http';
import type { VerifiedClaims } from '../context';
import { EventGridPublisher, type EventSchema } from '../eventgrid/publisher';
import { readJson, type ArmResult } from './arm-request';
import { ArmError } from './arm-response';
import type { RbacState } from './rbac';

// Microsoft.EventGrid event subscriptions on the APIM service (its system topic), api-version 2025-02-15 or 2022-06-15:
// REST spec specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json
// (EventSubscriptions_CreateOrUpdate / _Get / _Delete on `/{scope}/providers/Microsoft.EventGrid/eventSubscriptions/
// {eventSubscriptionName}`; example EventSubscriptions_CreateOrUpdateForResource.json). Only the WebHook destination is
// emulated. Reads show `endpointBaseUrl`, never the `endpointUrl` written (it may hold a key). The PUT is long-running:
// it answers with provisioningState Creating/Updating while Event Grid runs the endpoint's validation handshake, then
// Succeeded, or Failed when the endpoint does not answer it (learn.microsoft.com/azure/event-grid/webhook-event-delivery).

const PATH = /^(.*?)\/providers\/microsoft\.eventgrid\/eventsubscriptions\/([^/]+)$/i;
const API_VERSIONS = ['2025-02-15', '2022-06-15'];
const NAME = /^[a-zA-Z0-9-]{3,64}$/;
const SCHEMAS: EventSchema[] = ['EventGridSchema', 'CloudEventSchemaV1_0'];

type Json = Record<string, unknown>;
interface Stored {
  name: string;
  body: Json;
  endpointUrl: string;
  provisioningState: 'Creating' | 'Updating' | 'Succeeded' | 'Failed';
}

export const isEventSubscriptionPath = (pathname: string) => PATH.test(pathname.replace(/\/+$/, ''));

const invalid = (message: string) => new ArmError(400, 'InvalidRequest', message);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The validated subscription body, as Event Grid would store it. */
function readSubscription(body: Json, tenantId: string) {
  if (!isObject(body.properties)) throw invalid('properties is required.');
  const properties = body.properties;
  const destination = properties.destination;
  if (!isObject(destination) || destination.endpointType !== 'WebHook' || !isObject(destination.properties))
    throw invalid("properties.destination must be a destination with endpointType 'WebHook' (the only one this emulator serves).");
  const d = destination.properties;
  const endpointUrl = typeof d.endpointUrl === 'string' ? d.endpointUrl : '';
  if (!URL.canParse(endpointUrl) || !EventGridPublisher.deliverable(endpointUrl))
    throw invalid(`The attempt to validate the provided endpoint ${endpointUrl} failed: Event Grid requires an https endpoint URL.`);
  const aadTenant = d.azureActiveDirectoryTenantId;
  const audience = d.azureActiveDirectoryApplicationIdOrUri;
  if ((aadTenant === undefined) !== (audience === undefined))
    throw invalid('azureActiveDirectoryTenantId and azureActiveDirectoryApplicationIdOrUri must be given together.');
  // Event Grid delivers without a token when neither is set; Roleport refuses such deliveries, and the emulator mints
  // tokens only for an audience, so it asks for Microsoft Entra authentication (stricter than Azure).
  if (typeof audience !== 'string' || audience === '')
    throw invalid('This emulator delivers only with Microsoft Entra authentication: set azureActiveDirectoryApplicationIdOrUri.');
  if (aadTenant !== undefined && String(aadTenant).toLowerCase() !== tenantId.toLowerCase())
    throw invalid(`The tenant ${String(aadTenant)} is not the tenant of this subscription.`);
  const schema = (properties.eventDeliverySchema ?? 'EventGridSchema') as EventSchema;
  if (!SCHEMAS.includes(schema)) throw invalid(`eventDeliverySchema '${String(schema)}' is not one of ${SCHEMAS.join(', ')}.`);
  const filter = isObject(properties.filter) ? properties.filter : {};
  const types = filter.includedEventTypes;
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => typeof t !== 'string')))
    throw invalid('filter.includedEventTypes must be a list of event type names.');
  return { endpointUrl, audience, schema, types: types as string[] | undefined };
}

/** The event subscriptions on the APIM service, delivered by the emulator's Event Grid publisher. */
export class EventSubscriptionsRoute {
  private readonly stored = new Map<string, Stored>();

  constructor(private readonly deps: { serviceId: string; tenantId: string; rbac: RbacState; publisher: EventGridPublisher }) {}

  async handle(req: IncomingMessage, method: string, url: URL, claims: VerifiedClaims): Promise<ArmResult> {
    const [, scope = '', rawName = ''] = PATH.exec(url.pathname.replace(/\/+$/, '')) ?? [];
    const version = url.searchParams.get('api-version');
    if (!version || !API_VERSIONS.includes(version))
      throw new ArmError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${version ?? ''}' is invalid. The supported versions are '${API_VERSIONS.join(',')}'.`,
      );
    if (decodeURIComponent(scope).toLowerCase() !== this.deps.serviceId.toLowerCase())
      throw new ArmError(404, 'ResourceNotFound', `The scope '${scope}' does not exist or is not served by this emulator.`);
    const name = decodeURIComponent(rawName);
    const verb = method === 'GET' ? 'read' : method === 'PUT' ? 'write' : method === 'DELETE' ? 'delete' : undefined;
    if (!verb) throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    this.deps.rbac.authorizeAction(claims, `Microsoft.EventGrid/eventSubscriptions/${verb}`, this.deps.serviceId);
    const key = name.toLowerCase();
    if (method === 'GET') {
      const found = this.stored.get(key);
      if (!found) throw new ArmError(404, 'ResourceNotFound', `The event subscription '${name}' was not found.`);
      return { status: 200, body: this.json(found) };
    }
    if (method === 'DELETE') {
      const existed = this.stored.delete(key);
      this.deps.publisher.remove(key);
      return { status: existed ? 200 : 204 };
    }
    if (!NAME.test(name)) throw invalid(`Event subscription name '${name}' must be 3 to 64 letters, digits or hyphens.`);
    const body = await readJson({ req } as Parameters<typeof readJson>[0]);
    const input = readSubscription(body, this.deps.tenantId);
    const existing = this.stored.get(key);
    const entry: Stored = {
      name,
      body: body.properties as Json,
      endpointUrl: input.endpointUrl,
      provisioningState: existing ? 'Updating' : 'Creating',
    };
    this.stored.set(key, entry);
    const answer = this.json(entry);
    void this.deps.publisher
      .put(key, { endpoint: input.endpointUrl, schema: input.schema, audience: input.audience, includedEventTypes: input.types })
      .then((ok) => {
        if (this.stored.get(key) === entry) entry.provisioningState = ok ? 'Succeeded' : 'Failed';
      });
    return { status: existing ? 200 : 201, body: answer };
  }

  private json(entry: Stored) {
    const { destination, ...rest } = entry.body as { destination: { properties: Json } } & Json;
    const destinationProperties = { ...destination.properties };
    delete destinationProperties.endpointUrl;
    const base = new URL(entry.endpointUrl);
    return {
      id: `${this.deps.serviceId}/providers/Microsoft.EventGrid/eventSubscriptions/${entry.name}`,
      name: entry.name,
      type: 'Microsoft.EventGrid/eventSubscriptions',
      properties: {
        ...rest,
        topic: this.deps.serviceId,
        provisioningState: entry.provisioningState,
        destination: {
          endpointType: 'WebHook',
          properties: { ...destinationProperties, endpointBaseUrl: `${base.origin}${base.pathname}` },
        },
        eventDeliverySchema: rest.eventDeliverySchema ?? 'EventGridSchema',
      },
    };
  }
}
