import 'server-only';
import { randomUUID } from 'node:crypto';
import type { SetupConfig } from '@/lib/env';
import { EVENT_GRID_SUBSCRIBER } from './event-grid-registration';
import { planEventGrid, type EventGridStep } from './plan-event-grid';
import { planFederatedCredential, type FederatedCredentialBody } from './plan-federated-credential';
import type { AppView, TenantState } from './read-tenant';
import {
  ACCESS_AS_USER,
  APIM_ROLE_NAME,
  callbackUrl,
  GRAPH_APPLICATION_PERMISSIONS,
  GRAPH_DELEGATED_PERMISSIONS,
  MICROSOFT_GRAPH_APP_ID,
  PORTAL_ADMIN,
} from './roleport-registration';

type Json = Record<string, unknown>;
type Access = AppView['requiredResourceAccess'];

export type SetupStep = { text: string } & (
  | { kind: 'create-app'; body: Json }
  | { kind: 'update-app'; patch: Json }
  /** The App ID URI names the client id, known only once the app exists. */
  | { kind: 'set-identifier-uri' }
  | { kind: 'create-service-principal' }
  | { kind: 'add-secret' }
  | { kind: 'grant-application-permission'; appRoleId: string }
  | { kind: 'grant-delegated'; resourceId: string; scopes: string[]; grantId?: string }
  | { kind: 'assign-apim-role'; roleDefinitionId: string }
  | { kind: 'add-federated-credential'; body: FederatedCredentialBody }
  | EventGridStep
);

export interface SetupChoices {
  newSecret: boolean;
  /** Never add a secret (the registration signs in with a federated credential). */
  noSecret?: boolean;
  /** The principal id of the managed identity that signs in instead of a secret (implies noSecret). */
  federatedIdentity?: string;
}

/** Adds each wanted entry to the app's requiredResourceAccess, keeping what is there. */
function mergeAccess(current: Access, wanted: Access): Access {
  const out = current.map((r) => ({ resourceAppId: r.resourceAppId, resourceAccess: [...r.resourceAccess] }));
  for (const w of wanted) {
    let entry = out.find((r) => r.resourceAppId.toLowerCase() === w.resourceAppId.toLowerCase());
    if (!entry) out.push((entry = { resourceAppId: w.resourceAppId, resourceAccess: [] }));
    for (const a of w.resourceAccess)
      if (!entry.resourceAccess.some((x) => x.id.toLowerCase() === a.id.toLowerCase() && x.type === a.type)) entry.resourceAccess.push(a);
  }
  return out;
}

const accessCount = (access: Access) => access.reduce((n, r) => n + r.resourceAccess.length, 0);

function wantedAccess(state: TenantState, appRoleIds: string[], delegatedIds: string[]): Access {
  return [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceAccess: [
        ...appRoleIds.map((id) => ({ id, type: 'Role' as const })),
        ...delegatedIds.map((id) => ({ id, type: 'Scope' as const })),
      ],
    },
    ...state.consoleApis.map((api) => ({
      resourceAppId: api.sp.appId,
      resourceAccess: api.sp.scopes.map((s) => ({ id: s.id, type: 'Scope' as const })),
    })),
  ];
}

function graphIds(state: TenantState) {
  const role = (value: string) => {
    const found = state.graphSp.appRoles.find((r) => r.value === value);
    if (!found) throw new Error(`Microsoft Graph has no application permission ${value}.`);
    return found;
  };
  const scope = (value: string) => {
    const found = state.graphSp.scopes.find((s) => s.value === value);
    if (!found) throw new Error(`Microsoft Graph has no delegated permission ${value}.`);
    return found;
  };
  return { roles: GRAPH_APPLICATION_PERMISSIONS.map(role), scopes: GRAPH_DELEGATED_PERMISSIONS.map(scope) };
}

/** `roles`: the app roles the registration must define (with the ids new ones get). */
function appSteps(config: SetupConfig, state: TenantState, access: Access, roles: (Json & { value: string })[]): SetupStep[] {
  const callback = callbackUrl(config.publicUrl);
  const app = state.app;
  if (!app) {
    const body = {
      displayName: config.appName,
      signInAudience: 'AzureADMyOrg',
      web: { redirectUris: [callback] },
      api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [{ id: randomUUID(), ...ACCESS_AS_USER }] },
      appRoles: roles,
      requiredResourceAccess: access,
    };
    return [
      {
        kind: 'create-app',
        body,
        text: `create the app registration "${config.appName}" (redirect URI ${callback}, scope access_as_user, app roles ${roles.map((r) => r.value).join(', ')}, API permissions)`,
      },
      { kind: 'set-identifier-uri', text: 'set its App ID URI to api://<client id>' },
    ];
  }
  const patch: Json = {};
  const what: string[] = [];
  if (!app.redirectUris.includes(callback)) {
    patch.web = { redirectUris: [...app.redirectUris, callback] };
    what.push(`add the redirect URI ${callback}`);
  }
  const appIdUri = `api://${app.appId}`;
  if (!app.identifierUris.includes(appIdUri)) {
    patch.identifierUris = [...app.identifierUris, appIdUri];
    what.push(`add the App ID URI ${appIdUri}`);
  }
  if (!app.scopes.some((s) => s.value === ACCESS_AS_USER.value)) {
    patch.api = { oauth2PermissionScopes: [...app.scopes, { id: randomUUID(), ...ACCESS_AS_USER }] };
    what.push('add the scope access_as_user');
  }
  const missingRoles = roles.filter((r) => !app.appRoles.some((x) => x.value === r.value));
  if (missingRoles.length) {
    patch.appRoles = [...app.appRoles, ...missingRoles];
    what.push(`add the app role ${missingRoles.map((r) => r.value).join(', ')}`);
  }
  const merged = mergeAccess(app.requiredResourceAccess, access);
  if (accessCount(merged) !== accessCount(app.requiredResourceAccess)) {
    patch.requiredResourceAccess = merged;
    what.push('add the missing API permissions to its list');
  }
  return what.length ? [{ kind: 'update-app', patch, text: `update the app registration "${app.displayName}": ${what.join('; ')}` }] : [];
}

function delegatedStep(state: TenantState, resourceId: string, resourceName: string, scopes: string[]): SetupStep[] {
  const grant = state.grants.find((g) => g.resourceId.toLowerCase() === resourceId.toLowerCase());
  const missing = scopes.filter((s) => !grant?.scopes.includes(s));
  if (missing.length === 0) return [];
  return [
    {
      kind: 'grant-delegated',
      resourceId,
      scopes: [...new Set([...(grant?.scopes ?? []), ...scopes])],
      grantId: grant?.id,
      text: `grant admin consent to ${resourceName} delegated ${missing.join(', ')}`,
    },
  ];
}

/** Every change that would make the tenant match what Roleport needs; empty when it already does. */
export function planSetup(config: SetupConfig, state: TenantState, choices: SetupChoices): SetupStep[] {
  const graph = graphIds(state);
  const access = wantedAccess(
    state,
    graph.roles.map((r) => r.id),
    graph.scopes.map((s) => s.id),
  );
  const role = (wanted: typeof PORTAL_ADMIN | typeof EVENT_GRID_SUBSCRIBER) => ({
    id: state.app?.appRoles.find((r) => r.value === wanted.value)?.id ?? randomUUID(),
    ...wanted,
  });
  const subscriber = state.eventGrid ? role(EVENT_GRID_SUBSCRIBER) : undefined;
  const steps: SetupStep[] = [...appSteps(config, state, access, [role(PORTAL_ADMIN), ...(subscriber ? [subscriber] : [])])];
  if (!state.sp) steps.push({ kind: 'create-service-principal', text: 'create its service principal (enterprise application)' });
  for (const role of graph.roles)
    if (!state.graphRoleIds.has(role.id))
      steps.push({
        kind: 'grant-application-permission',
        appRoleId: role.id,
        text: `grant admin consent to Microsoft Graph application permission ${role.value}`,
      });
  steps.push(...delegatedStep(state, state.graphSp.id, 'Microsoft Graph', GRAPH_DELEGATED_PERMISSIONS));
  for (const api of state.consoleApis)
    steps.push(
      ...delegatedStep(
        state,
        api.sp.id,
        api.sp.displayName,
        api.sp.scopes.map((s) => s.value),
      ),
    );
  if (!state.apimRoleAssigned)
    steps.push({
      kind: 'assign-apim-role',
      roleDefinitionId: state.apimRole.id,
      text: `assign ${APIM_ROLE_NAME} on the API Management service ${config.apim.serviceName}`,
    });
  if (state.eventGrid && subscriber) steps.push(...planEventGrid(config, state.eventGrid, subscriber.id, state.app?.appId));
  const federated = choices.federatedIdentity ? planFederatedCredential(config, state.app, choices.federatedIdentity) : undefined;
  if (federated)
    steps.push({
      kind: 'add-federated-credential',
      body: federated,
      text: `trust the managed identity ${federated.subject} as a federated credential (sign-in without a client secret)`,
    });
  // Last, so no later failure can lose the one chance to show it.
  if (!choices.noSecret && !choices.federatedIdentity && (!state.app?.hasSecret || choices.newSecret))
    steps.push({ kind: 'add-secret', text: 'add a client secret (shown once, below)' });
  return steps;
}
