// Building blocks of the seeded directory: app registrations with their service principals, in the shapes Entra
// gives them, and the defaults every seeded app shares.
import type { Directory } from '../directory/directory';
import type { AppRole, DirectoryApplication, PermissionScope } from '../directory/types';
import { stableGuid } from '../http/ids';
import { TENANT_ID } from './demo-tenant';

/** The tenant Microsoft's own apps and managed identities' service principals belong to. */
export const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** When everything seeded was created. */
export const SEEDED_AT = '2026-01-05T09:00:00Z';

/** An app role, enabled, for users and apps unless `types` says otherwise. */
export const role = (id: string, value: string, types: AppRole['allowedMemberTypes'] = ['User', 'Application']): AppRole => ({
  id,
  value,
  displayName: value,
  description: `Holders of ${value}.`,
  allowedMemberTypes: types,
  isEnabled: true,
});

/** A delegated scope users may consent to, with Entra's usual consent wording for `appName`. */
export const scope = (id: string, value: string, appName: string): PermissionScope => ({
  id,
  value,
  type: 'User',
  isEnabled: true,
  adminConsentDisplayName: `Access ${appName}`,
  adminConsentDescription: `Allows the app to access ${appName} on behalf of the signed-in user.`,
  userConsentDisplayName: `Access ${appName}`,
  userConsentDescription: `Allows the app to access ${appName} on your behalf.`,
});

type SeededApp = Omit<
  DirectoryApplication,
  'createdDateTime' | 'groupMembershipClaims' | 'passwordCredentials' | 'firstParty' | 'identifierUris' | 'appRoles' | 'web' | 'owners'
> &
  Partial<DirectoryApplication>;

/** Adds an app registration and its service principal, which mirrors the app's roles, scopes and identifier URIs. */
export function addApp(dir: Directory, app: SeededApp, spId: string, spOwnerTenant = TENANT_ID, spOwners: string[] = []) {
  const full: DirectoryApplication = {
    createdDateTime: SEEDED_AT,
    groupMembershipClaims: null,
    passwordCredentials: [],
    firstParty: false,
    identifierUris: [],
    appRoles: [],
    web: { redirectUris: [] },
    owners: [],
    ...app,
  };
  dir.applications.set(full.id, full);
  dir.servicePrincipals.set(spId, {
    id: spId,
    appId: full.appId,
    displayName: full.displayName,
    appRoles: full.appRoles.map((r) => ({ ...r })),
    oauth2PermissionScopes: full.api.oauth2PermissionScopes.map((s) => ({ ...s })),
    servicePrincipalNames: [full.appId, ...full.identifierUris],
    servicePrincipalType: 'Application',
    appOwnerOrganizationId: spOwnerTenant,
    owners: spOwners,
  });
}

/** The API section of an app that exposes no scopes and pre-authorizes no one. */
export const exposesNothing = (requestedAccessTokenVersion: 1 | 2): DirectoryApplication['api'] => ({
  requestedAccessTokenVersion,
  oauth2PermissionScopes: [],
  preAuthorizedApplications: [],
  knownClientApplications: [],
});

/** The local client secret of a seeded app, its text kept so the demo and tests can sign in with it. */
export const localSecret = (key: string, secretText: string): DirectoryApplication['passwordCredentials'][number] => ({
  keyId: stableGuid(`${key}-secret`),
  displayName: 'local',
  hint: secretText.slice(0, 3),
  secretText,
  endDateTime: '2299-12-31T00:00:00Z',
});

interface SeededIds {
  objectId: string;
  appId: string;
  servicePrincipalId: string;
  displayName: string;
}

/** A confidential client of this tenant: v2 tokens, one local secret, the same owners on its app and service principal. */
export function addSecretClient(dir: Directory, key: string, client: SeededIds & { clientSecret: string }, owners: string[] = []) {
  addApp(
    dir,
    {
      id: client.objectId,
      appId: client.appId,
      displayName: client.displayName,
      api: exposesNothing(2),
      owners,
      passwordCredentials: [localSecret(key, client.clientSecret)],
    },
    client.servicePrincipalId,
    TENANT_ID,
    owners,
  );
}

/** One of Microsoft's own apps: a service principal owned by Microsoft's tenant, no application object of this tenant. */
export function addMicrosoftApp(dir: Directory, app: SeededIds & Omit<SeededApp, 'id' | 'appId' | 'displayName'>) {
  const { objectId, servicePrincipalId, ...rest } = app;
  addApp(dir, { id: objectId, ...rest, firstParty: true }, servicePrincipalId, MICROSOFT_TENANT);
}

/** Ids of a Microsoft app the emulator names itself (stable across runs). */
export const emulatorNamedIds = (name: string) => ({
  objectId: stableGuid(`app/${name}`),
  appId: stableGuid(`appid/${name}`),
  servicePrincipalId: stableGuid(`sp/${name}`),
});
