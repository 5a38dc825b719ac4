// The real ARM SDK signed in as the platform team's operator identity (Contributor on the APIM service), pointed at
// the emulator: what the bench and the tests use to write to APIM as an outside operator would.
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { ClientSecretCredential } from '@azure/identity';
import { APIM, OPERATOR_APP, TENANT_ID } from '../../emulator/seed/demo-tenant';
import type { RunningEmulator } from '../../emulator/start';

export function operatorArmClient(emulator: Pick<RunningEmulator, 'urls'>) {
  const credential = new ClientSecretCredential(TENANT_ID, OPERATOR_APP.appId, OPERATOR_APP.clientSecret, {
    authorityHost: emulator.urls.authorityHost,
    disableInstanceDiscovery: true,
  });
  const client = new ApiManagementClient(credential, APIM.subscriptionId, {
    endpoint: emulator.urls.armEndpoint,
    credentialScopes: ['https://management.azure.com/.default'],
  });
  return { credential, client };
}
