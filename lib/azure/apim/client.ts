import 'server-only';
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { getConfig } from '@/lib/env';
import { appCredential, armScope } from '@/lib/azure/identity/app-credential';
import { requestTimeoutPolicy } from '@/lib/azure/request-timeout-policy';

let client: ApiManagementClient | undefined;

export function apimClient(): ApiManagementClient {
  if (client) return client;
  const config = getConfig();
  // The default scope would be `${endpoint}/.default`; ARM's resource id is the cloud's, whatever host serves it.
  client = new ApiManagementClient(appCredential(), config.apim.subscriptionId, {
    endpoint: config.armEndpoint,
    credentialScopes: [armScope()],
    // 429s are retried after Retry-After by the pipeline and then by AzureCallGate; 5xx get a short backoff here.
    retryOptions: { maxRetries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 4000 },
    additionalPolicies: [{ policy: requestTimeoutPolicy('Azure Resource Manager', config.azureRequestTimeoutMs), position: 'perRetry' }],
  });
  return client;
}

export function apimService(): { resourceGroup: string; serviceName: string } {
  const { resourceGroup, serviceName } = getConfig().apim;
  return { resourceGroup, serviceName };
}
