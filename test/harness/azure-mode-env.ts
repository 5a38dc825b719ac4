// Test harness: Azure-mode configuration (as an operator would set it in Azure) whose endpoints are the emulator's.
import type { RunningEmulator } from '@/emulator/start';

/** Sets process.env for Azure mode against the running emulator; `extra` adds or overrides variables. */
export function useAzureModeEnv(emulator: RunningEmulator, extra: Record<string, string> = {}) {
  const c = emulator.connection;
  Object.assign(process.env, {
    AZURE_TENANT_ID: c.tenantId,
    AZURE_CLIENT_ID: c.portal.clientId,
    AZURE_CLIENT_SECRET: c.portal.clientSecret,
    AZURE_AUTHORITY_HOST: c.authorityHost,
    ARM_ENDPOINT: c.armEndpoint,
    GRAPH_ENDPOINT: c.graphEndpoint,
    APIM_SUBSCRIPTION_ID: c.subscriptionId,
    APIM_RESOURCE_GROUP: c.resourceGroup,
    APIM_SERVICE_NAME: c.serviceName,
    PUBLIC_URL: 'https://roleport.contoso.example',
    NEXTAUTH_SECRET: 'x'.repeat(40),
    AUDIT_HMAC_KEY: 'y'.repeat(40),
    ...extra,
  });
}
