import 'server-only';
import { readGatewayUrl } from '@/lib/azure/apim/read-catalog';
import { appCredential, armScope, graphScope } from '@/lib/azure/identity/app-credential';
import { tryPortalClientAssertion, usesClientAssertion } from '@/lib/azure/identity/portal-client-auth';
import { getConfig } from '@/lib/env';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import { tenantOpenIdConfigUrl } from './doctor-context';

const reason = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** The tenant's OpenID discovery document: sign-in and every gateway token check start from it. */
export async function checkDiscovery(): Promise<ConfigFinding> {
  const { tenantId, authorityHost } = getConfig();
  const url = tenantOpenIdConfigUrl();
  const base = { id: 'discovery', check: 'discovery' as const, subject: 'Tenant' };
  try {
    const res = await fetch(url);
    const body = res.ok ? ((await res.json()) as { issuer?: string }) : null;
    if (body?.issuer?.includes(tenantId))
      return { ...base, status: 'ok', title: "The tenant's OpenID configuration is served", detail: url };
    return {
      ...base,
      status: 'error',
      title: "The tenant's OpenID configuration is not served",
      detail: `${url} answered ${res.status}${body ? ` with issuer ${body.issuer ?? '(none)'}` : ''}.`,
      fix: `Check AZURE_TENANT_ID (the directory id) and AZURE_AUTHORITY_HOST / AZURE_CLOUD (now ${authorityHost}).`,
    };
  } catch (error) {
    return {
      ...base,
      status: 'error',
      title: 'The authority cannot be reached',
      detail: `${url}: ${reason(error)}`,
      fix: 'Check AZURE_AUTHORITY_HOST and the network path to it.',
    };
  }
}

/** Roleport's own credential (client secret or managed identity) gets ARM and Graph tokens. */
export async function checkCredential(): Promise<ConfigFinding> {
  const { appCredential: kind, clientId } = getConfig();
  const base = { id: 'credential', check: 'credential' as const, subject: 'Tenant' };
  try {
    await Promise.all([appCredential().getToken(graphScope()), appCredential().getToken(armScope())]);
    return { ...base, status: 'ok', title: `Roleport's ${kind} credential gets ARM and Graph tokens`, detail: `Client ${clientId}.` };
  } catch (error) {
    return {
      ...base,
      status: 'error',
      title: `Roleport's ${kind} credential gets no token`,
      detail: reason(error),
      fix:
        kind === 'managed-identity'
          ? 'Check that the host has the managed identity attached (IDENTITY_ENDPOINT is set) and AZURE_MANAGED_IDENTITY_CLIENT_ID names it.'
          : "Check AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (the secret's value, not its id, and not expired).",
    };
  }
}

/**
 * Without a client secret, sign-in, refresh and on-behalf-of present the managed identity's token: the registration must
 * trust it as a federated credential, or every sign-in fails at the code redemption (AADSTS70021). Null with a secret.
 */
export async function checkSignInCredential(): Promise<ConfigFinding | null> {
  if (!usesClientAssertion()) return null;
  const { clientId } = getConfig();
  const base = { id: 'sign-in-credential', check: 'credential' as const, subject: 'Tenant' };
  try {
    await tryPortalClientAssertion();
    return {
      ...base,
      status: 'ok',
      title: "Roleport's registration accepts the managed identity's token in place of a secret",
      detail: `Client ${clientId}: sign-in, session refresh and the console present the identity's token as a federated credential.`,
    };
  } catch (error) {
    return {
      ...base,
      status: 'error',
      title: "Roleport's registration does not accept the managed identity's token: nobody can sign in",
      detail: reason(error),
      fix: "Add the managed identity as a federated credential of Roleport's app registration (issuer <authority>/<tenant id>/v2.0, subject the identity's principal id, audience api://AzureADTokenExchange), or set AZURE_CLIENT_SECRET.",
    };
  }
}

/** ARM answers for the service, and its gateway answers HTTP at all (any status: the console needs the route, not a 200). */
export async function checkApimReachable(): Promise<ConfigFinding> {
  const { apim } = getConfig();
  const base = { id: 'apim', check: 'apim' as const, subject: 'API Management' };
  let gatewayUrl: string;
  try {
    gatewayUrl = await readGatewayUrl();
  } catch (error) {
    return {
      ...base,
      status: 'error',
      title: `ARM does not answer for ${apim.serviceName}`,
      detail: reason(error),
      fix: 'Check APIM_SUBSCRIPTION_ID, APIM_RESOURCE_GROUP, APIM_SERVICE_NAME and the role on the service (below).',
    };
  }
  try {
    await fetch(gatewayUrl, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return { ...base, status: 'ok', title: `${apim.serviceName} and its gateway answer`, detail: gatewayUrl };
  } catch (error) {
    return {
      ...base,
      status: 'error',
      title: 'The gateway cannot be reached',
      detail: `${gatewayUrl}: ${reason(error)}`,
      fix: 'The console calls the gateway from Roleport’s host: check DNS and the network path (an internal gateway needs CONSOLE_PRIVATE_GATEWAY_HOSTS).',
    };
  }
}
