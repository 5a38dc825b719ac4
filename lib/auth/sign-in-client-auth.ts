import 'server-only';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { portalClientAuthFields, usesClientAssertion } from '@/lib/azure/identity/portal-client-auth';
import { getConfig } from '@/lib/env';

type ProviderClientAuth = { clientSecret: string } & Pick<OAuthConfig<never>, 'client' | 'token'>;

/**
 * How next-auth's provider authenticates Roleport when it redeems the authorization code: with the client secret, or,
 * when none is configured, with the managed identity's token as a client assertion. openid-client then sends only
 * `client_id` (auth method `none`), and the code redemption adds `client_assertion_type` and `client_assertion`.
 */
export function signInClientAuth(): ProviderClientAuth {
  const { clientSecret } = getConfig();
  if (clientSecret && !usesClientAssertion()) return { clientSecret };
  return {
    clientSecret: '',
    client: { token_endpoint_auth_method: 'none' },
    token: {
      async request({ client, params, checks, provider }) {
        const tokens = await client.callback(provider.callbackUrl, params, checks, { exchangeBody: await portalClientAuthFields() });
        return { tokens };
      },
    },
  };
}
