import 'server-only';
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { getConfig } from '@/lib/env';

/** Scopes of Roleport's own app-only tokens; resource identifiers, the same whatever host serves them. */
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

let credential: TokenCredential | undefined;

/** Roleport's identity for ARM and Graph: its client secret, or a managed identity in Azure. */
export function appCredential(): TokenCredential {
  if (credential) return credential;
  const config = getConfig();
  credential =
    config.appCredential === 'managed-identity'
      ? new ManagedIdentityCredential(config.managedIdentityClientId ? { clientId: config.managedIdentityClientId } : {})
      : new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, {
          authorityHost: config.authorityHost,
          disableInstanceDiscovery: true,
        });
  return credential;
}
