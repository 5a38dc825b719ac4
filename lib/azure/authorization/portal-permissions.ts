import 'server-only';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { appCredential, armScope } from '@/lib/azure/identity/app-credential';
import { getConfig } from '@/lib/env';
import { readServicePermissions, type EffectivePermissions } from './effective-permissions';

/** What ARM says Roleport's own identity may do on the configured API Management service. */
export async function readPortalServicePermissions(): Promise<EffectivePermissions[]> {
  const config = getConfig();
  const client = new AuthorizationManagementClient(appCredential(), config.apim.subscriptionId, {
    endpoint: config.armEndpoint,
    credentialScopes: [armScope()],
  });
  return readServicePermissions(client, config.apim);
}
