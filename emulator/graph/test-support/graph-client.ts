// The real Microsoft Graph client pointed at the emulator, and the GraphError a refused call rejects with.
import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { rejectionOf } from '@/test/harness/rejection';
import { PORTAL_APP, TENANT_ID } from '../../seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../../start';

type Emulator = Pick<RunningEmulator, 'urls'>;

/** A Graph client on the emulator's Graph that signs in with `credential`. */
export function graphClientFor(emu: Emulator, credential: TokenCredential): Client {
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
    baseUrl: emu.urls.graphEndpoint,
    customHosts: new Set(['localhost']),
  });
}

/** The portal's app-only credential (client secret); a fresh one has no cached token, so a permission change shows. */
export function portalAppCredential(emu: Emulator): ClientSecretCredential {
  return new ClientSecretCredential(TENANT_ID, PORTAL_APP.appId, PORTAL_APP.clientSecret, {
    authorityHost: emu.urls.authorityHost,
    disableInstanceDiscovery: true,
  });
}

/** A Graph client signed in as the portal app, with a fresh credential. */
export const portalGraphClient = (emu: Emulator): Client => graphClientFor(emu, portalAppCredential(emu));

/** The GraphError `call` rejects with; fails the test if it resolves or rejects with anything else. */
export const graphError = (call: Promise<unknown>): Promise<GraphError> => rejectionOf(call, GraphError);

/** The emulator with only Entra and Graph running, and a Graph client signed in as the portal app. */
export async function startGraphEmulator(): Promise<{ emu: RunningEmulator; graph: Client }> {
  const emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'] });
  return { emu, graph: portalGraphClient(emu) };
}
