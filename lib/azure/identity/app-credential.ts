import 'server-only';
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { getConfig } from '@/lib/env';
import { requestTimeoutPolicy } from '@/lib/azure/request-timeout-policy';

/** Scopes of Roleport's own app-only tokens: the configured cloud's resource ids, the same whatever host serves them. */
export const armScope = () => getConfig().cloud.armScope;
export const graphScope = () => getConfig().cloud.graphScope;

let credential: TokenCredential | undefined;

/** Roleport's identity for ARM and Graph: its client secret, or a managed identity in Azure. */
export function appCredential(): TokenCredential {
  if (credential) return credential;
  const config = getConfig();
  // Token requests are bounded like the ARM and Graph calls they serve.
  const additionalPolicies = [
    { policy: requestTimeoutPolicy('Microsoft Entra ID', config.azureRequestTimeoutMs), position: 'perRetry' as const },
  ];
  if (config.appCredential === 'client-secret' && !config.clientSecret) throw new Error('AZURE_CLIENT_SECRET is not set.');
  credential =
    config.appCredential === 'managed-identity'
      ? new ManagedIdentityCredential({
          ...(config.managedIdentityClientId ? { clientId: config.managedIdentityClientId } : {}),
          additionalPolicies,
        })
      : new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret ?? '', {
          authorityHost: config.authorityHost,
          disableInstanceDiscovery: true,
          additionalPolicies,
        });
  return credential;
}
