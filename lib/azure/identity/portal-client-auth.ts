import 'server-only';
import { ClientAssertionCredential } from '@azure/identity';
import { getConfig } from '@/lib/env';
import { appCredential } from './app-credential';

// How Roleport's app registration proves itself at Entra's token endpoint when it redeems a sign-in's code, refreshes
// a session or exchanges a user's token on their behalf: its client secret, or, with no secret configured, a token of
// the host's managed identity, which the registration trusts as a federated identity credential (learn.microsoft.com/
// entra/workload-id/workload-identity-federation-config-app-trust-managed-identity). Entra takes that token as a
// `client_assertion` of type jwt-bearer wherever it would take the secret (learn.microsoft.com/entra/identity-platform/
// v2-oauth2-client-creds-grant-flow, "access token request with a federated credential").

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Whether the sign-in and on-behalf-of requests present the managed identity's token instead of a secret. */
export const usesClientAssertion = () => !getConfig().clientSecret;

/** The managed identity's token for the token-exchange audience: the assertion, fetched (and cached) by the credential. */
export async function portalClientAssertion(): Promise<string> {
  const token = await appCredential().getToken(getConfig().cloud.tokenExchangeScope);
  if (!token) throw new Error('The managed identity returned no token for the federated credential.');
  return token.token;
}

/** The form fields that authenticate Roleport in a token request. */
export async function portalClientAuthFields(): Promise<Record<string, string>> {
  const { clientSecret } = getConfig();
  if (clientSecret) return { client_secret: clientSecret };
  return { client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: await portalClientAssertion() };
}

/**
 * Gets an app-only Graph token as Roleport's registration with the assertion, so a configuration check learns whether
 * the registration trusts the identity before any user tries to sign in. Throws Entra's refusal.
 */
export async function tryPortalClientAssertion(): Promise<void> {
  const config = getConfig();
  const credential = new ClientAssertionCredential(config.tenantId, config.clientId, portalClientAssertion, {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
  });
  await credential.getToken(config.cloud.graphScope);
}
