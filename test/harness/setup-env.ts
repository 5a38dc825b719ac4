// The environment `npm run setup:azure` reads, pointed at an emulated tenant and its API Management service.
import type { EmulatorConnection } from '@/emulator/start';
import type { Env } from '@/lib/env';

/** Setup's variables for the emulated tenant: the portal registered as `app.name` at `app.publicUrl`, set up by `operator`. */
export function emulatedSetupEnv(
  connection: EmulatorConnection,
  app: { name: string; publicUrl: string },
  operator: { appId: string; clientSecret: string } | 'device-code',
): Env {
  return {
    AZURE_TENANT_ID: connection.tenantId,
    ROLEPORT_APP_NAME: app.name,
    PUBLIC_URL: app.publicUrl,
    APIM_SUBSCRIPTION_ID: connection.subscriptionId,
    APIM_RESOURCE_GROUP: connection.resourceGroup,
    APIM_SERVICE_NAME: connection.serviceName,
    AZURE_AUTHORITY_HOST: connection.authorityHost,
    ARM_ENDPOINT: connection.armEndpoint,
    GRAPH_ENDPOINT: connection.graphEndpoint,
    ...(operator === 'device-code'
      ? { SETUP_CREDENTIAL: 'device-code' }
      : { SETUP_CREDENTIAL: 'client-secret', SETUP_CLIENT_ID: operator.appId, SETUP_CLIENT_SECRET: operator.clientSecret }),
  };
}
