import 'server-only';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { getConfig } from '@/lib/env';
import { GRAPH_SCOPE, appCredential } from '@/lib/azure/identity/app-credential';

let client: Client | undefined;

export function graphClient(): Client {
  if (client) return client;
  const { graphEndpoint } = getConfig();
  client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(appCredential(), { scopes: [GRAPH_SCOPE] }),
    baseUrl: `${graphEndpoint}/`,
    // Without its host here the client silently drops the Authorization header.
    customHosts: new Set([new URL(graphEndpoint).hostname]),
  });
  return client;
}
