import 'server-only';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ServiceClient } from '@azure/core-client';
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  type TokenCredential,
} from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { SetupConfig } from '@/lib/env';

/**
 * The operator's sign-in: the Azure CLI's signed-in account, else a device code shown on the terminal; or an automation
 * app's secret. The authority is the configured cloud's (or the emulator's), so the same code runs everywhere.
 */
export function operatorCredential(config: SetupConfig, prompt: (message: string) => void): TokenCredential {
  const { tenantId, authorityHost, operator } = config;
  if (operator.kind === 'client-secret')
    return new ClientSecretCredential(tenantId, operator.clientId, operator.clientSecret, {
      authorityHost,
      disableInstanceDiscovery: true,
    });
  const deviceCode = new DeviceCodeCredential({
    tenantId,
    authorityHost,
    disableInstanceDiscovery: true,
    userPromptCallback: (info) => prompt(info.message),
  });
  if (operator.kind === 'device-code') return deviceCode;
  return new ChainedTokenCredential(new AzureCliCredential({ tenantId }), deviceCode);
}

export interface SetupClients {
  graph: Client;
  authorization: AuthorizationManagementClient;
  /** Plain ARM requests (Microsoft.EventGrid event subscriptions), with the operator's token. */
  arm: ServiceClient;
}

/**
 * The ARM SDKs' pipeline asks for tokens with `enableCae`, which @azure/identity serves from a separate MSAL client and
 * token cache; Graph's tokens are asked for the same way, so one sign-in (one device code) serves both.
 */
function withCae(credential: TokenCredential): TokenCredential {
  return { getToken: (scopes, options) => credential.getToken(scopes, { ...options, enableCae: true }) };
}

export function setupClients(config: SetupConfig, credential: TokenCredential): SetupClients {
  const graph = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(withCae(credential), { scopes: [config.cloud.graphScope] }),
    baseUrl: `${config.graphEndpoint}/`,
    // Without its host here the client silently drops the Authorization header.
    customHosts: new Set([new URL(config.graphEndpoint).hostname]),
  });
  const authorization = new AuthorizationManagementClient(credential, config.apim.subscriptionId, {
    endpoint: config.armEndpoint,
    credentialScopes: [config.cloud.armScope],
  });
  const arm = new ServiceClient({ credential, credentialScopes: [config.cloud.armScope], endpoint: config.armEndpoint });
  return { graph, authorization, arm };
}
