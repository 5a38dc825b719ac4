import 'server-only';
import type { SetupConfig } from '@/lib/env';
import { APIM_ROLE_NAME, MICROSOFT_GRAPH_APP_ID } from './roleport-registration';
import { readEventGrid, type EventGridState } from './read-event-grid';
import type { SetupClients } from './setup-clients';

type Json = Record<string, unknown>;
export interface Named {
  id: string;
  value: string;
}
export interface ServicePrincipalView {
  id: string;
  appId: string;
  displayName: string;
  appRoles: Named[];
  scopes: Named[];
}
export interface AppView {
  id: string;
  appId: string;
  displayName: string;
  identifierUris: string[];
  redirectUris: string[];
  scopes: (Named & Json)[];
  appRoles: (Named & Json)[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: 'Scope' | 'Role' }[] }[];
  hasSecret: boolean;
  /** Issuer and subject of each federated identity credential the registration trusts. */
  federatedCredentials: { issuer: string; subject: string }[];
}
export interface GrantView {
  id: string;
  resourceId: string;
  scopes: string[];
}

/** What exists now in the tenant and on the APIM service, as far as Roleport's registration is concerned. */
export interface TenantState {
  app: AppView | null;
  sp: ServicePrincipalView | null;
  graphSp: ServicePrincipalView;
  /** appRoleIds Roleport's service principal holds on Microsoft Graph. */
  graphRoleIds: Set<string>;
  /** Roleport's admin-consent (AllPrincipals) delegated grants. */
  grants: GrantView[];
  consoleApis: { requested: string; sp: ServicePrincipalView }[];
  serviceScope: string;
  apimRole: { id: string; name: string };
  apimRoleAssigned: boolean;
  /** Event Grid's delivery to Roleport's webhook; absent when set-up leaves it alone (--no-event-grid). */
  eventGrid?: EventGridState;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
const odata = (v: string) => `'${v.replace(/'/g, "''")}'`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function spView(s: Json): ServicePrincipalView {
  const named = (items: unknown) => list(items).map((x) => ({ id: text(x.id), value: text(x.value) }));
  return {
    id: text(s.id),
    appId: text(s.appId),
    displayName: text(s.displayName),
    appRoles: named(s.appRoles),
    scopes: named(s.oauth2PermissionScopes),
  };
}

function appView(a: Json): AppView {
  const api = (a.api ?? {}) as Json;
  const web = (a.web ?? {}) as Json;
  return {
    id: text(a.id),
    appId: text(a.appId),
    displayName: text(a.displayName),
    identifierUris: list(a.identifierUris) as unknown as string[],
    redirectUris: list(web.redirectUris) as unknown as string[],
    scopes: list(api.oauth2PermissionScopes) as (Named & Json)[],
    appRoles: list(a.appRoles) as (Named & Json)[],
    requiredResourceAccess: list(a.requiredResourceAccess) as unknown as AppView['requiredResourceAccess'],
    hasSecret: list(a.passwordCredentials).length > 0,
    federatedCredentials: [],
  };
}

async function values(clients: SetupClients, path: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = (await clients.graph.api(next).get()) as { value?: Json[]; '@odata.nextLink'?: string };
    out.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return out;
}

async function servicePrincipalOf(clients: SetupClients, appId: string) {
  const found = await values(clients, `/servicePrincipals?$filter=${encodeURIComponent(`appId eq ${odata(appId)}`)}`);
  return found[0] ? spView(found[0]) : null;
}

async function findApp(clients: SetupClients, config: SetupConfig): Promise<AppView | null> {
  const filter = config.clientId ? `appId eq ${odata(config.clientId)}` : `displayName eq ${odata(config.appName)}`;
  const found = await values(clients, `/applications?$filter=${encodeURIComponent(filter)}`);
  if (found.length > 1)
    throw new Error(
      `${found.length} app registrations are named "${config.appName}"; set AZURE_CLIENT_ID to the one Roleport should use (or ROLEPORT_APP_NAME to another name).`,
    );
  if (config.clientId && found.length === 0) throw new Error(`No app registration has the client id ${config.clientId} (AZURE_CLIENT_ID).`);
  return found[0] ? appView(found[0]) : null;
}

async function findConsoleApi(clients: SetupClients, requested: string) {
  const filter = GUID.test(requested) ? `appId eq ${odata(requested)}` : `servicePrincipalNames/any(x:x eq ${odata(requested)})`;
  const found = await values(clients, `/servicePrincipals?$filter=${encodeURIComponent(filter)}`);
  if (!found[0]) throw new Error(`No API in the tenant has the client id or App ID URI ${requested} (--console-api).`);
  const sp = spView(found[0]);
  if (sp.scopes.length === 0)
    throw new Error(
      `${sp.displayName} exposes no delegated scope, so the console cannot call it on a user's behalf (--console-api ${requested}).`,
    );
  return { requested, sp };
}

export async function readTenant(
  clients: SetupClients,
  config: SetupConfig,
  consoleApis: string[],
  options: { eventGrid: boolean } = { eventGrid: false },
): Promise<TenantState> {
  const app = await findApp(clients, config);
  // The application's own read does not carry them: they are a navigation (application-list-federatedidentitycredentials).
  if (app)
    app.federatedCredentials = (await values(clients, `/applications/${app.id}/federatedIdentityCredentials`)).map((c) => ({
      issuer: text(c.issuer),
      subject: text(c.subject),
    }));
  const [sp, graphSp, apis] = await Promise.all([
    app ? servicePrincipalOf(clients, app.appId) : Promise.resolve(null),
    servicePrincipalOf(clients, MICROSOFT_GRAPH_APP_ID),
    Promise.all(consoleApis.map((a) => findConsoleApi(clients, a))),
  ]);
  if (!graphSp) throw new Error("Microsoft Graph's service principal was not found in the tenant.");
  const [graphRoles, grants] = sp
    ? await Promise.all([
        values(clients, `/servicePrincipals/${sp.id}/appRoleAssignments`),
        values(clients, `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq ${odata(sp.id)}`)}`),
      ])
    : [[], []];
  const { subscriptionId, resourceGroup, serviceName } = config.apim;
  const serviceScope = `subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ApiManagement/service/${serviceName}`;
  const definitions = [];
  for await (const d of clients.authorization.roleDefinitions.list(serviceScope, { filter: `roleName eq '${APIM_ROLE_NAME}'` }))
    definitions.push(d);
  const definition = definitions[0];
  if (!definition?.id || !definition.name) throw new Error(`The built-in role "${APIM_ROLE_NAME}" was not found.`);
  let assigned = false;
  if (sp) {
    for await (const a of clients.authorization.roleAssignments.listForScope(serviceScope, { filter: `principalId eq '${sp.id}'` }))
      if (a.roleDefinitionId?.toLowerCase().endsWith(`/${definition.name.toLowerCase()}`)) assigned = true;
  }
  return {
    app,
    sp,
    graphSp,
    graphRoleIds: new Set(graphRoles.filter((a) => a.resourceId === graphSp.id).map((a) => text(a.appRoleId))),
    grants: grants
      .filter((g) => g.consentType === 'AllPrincipals')
      .map((g) => ({ id: text(g.id), resourceId: text(g.resourceId), scopes: text(g.scope).split(/\s+/).filter(Boolean) })),
    consoleApis: apis,
    serviceScope,
    apimRole: { id: definition.id, name: definition.name },
    apimRoleAssigned: assigned,
    eventGrid: options.eventGrid ? await readEventGrid(clients, config.armEndpoint, serviceScope, sp?.id) : undefined,
  };
}
