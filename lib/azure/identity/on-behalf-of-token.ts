import 'server-only';
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialAssertionOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import { getConfig } from '@/lib/env';
import { portalClientAssertion } from './portal-client-auth';

/** Entra's refusal of an exchange, reshaped: the first line of its message, and whether it says consent is missing. */
export class OnBehalfOfRefusal extends Error {
  constructor(
    readonly detail: string,
    /** Entra's answer when the middle tier has no consent for the API: AADSTS65001, suberror consent_required. */
    readonly consentRequired: boolean,
    options: { cause: unknown },
  ) {
    super(detail, options);
    this.name = 'OnBehalfOfRefusal';
  }
}

/**
 * Exchanges the user's token for Roleport (the assertion) for a token for `scope`, on behalf of that user.
 * One credential per call: the assertion is the user's own, and nothing here is cached across users.
 */
export async function tokenOnBehalfOf(userAssertionToken: string, scope: string): Promise<string> {
  const config = getConfig();
  // The constructor's overloads omit AuthorityValidationOptions, which the credential honours (OnBehalfOfCredentialOptions includes it).
  const common = {
    tenantId: config.tenantId,
    clientId: config.clientId,
    userAssertionToken,
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
  };
  // Roleport proves itself with its secret, or with the managed identity's token its registration trusts.
  type Extra = MultiTenantTokenCredentialOptions & AuthorityValidationOptions;
  const credential = config.clientSecret
    ? new OnBehalfOfCredential({ ...common, clientSecret: config.clientSecret } satisfies OnBehalfOfCredentialSecretOptions & Extra)
    : new OnBehalfOfCredential({ ...common, getAssertion: portalClientAssertion } satisfies OnBehalfOfCredentialAssertionOptions & Extra);
  try {
    const token = await credential.getToken(scope);
    return token.token;
  } catch (cause) {
    const detail = (cause instanceof Error ? cause.message.split('\n')[0] : String(cause)) ?? '';
    throw new OnBehalfOfRefusal(detail, /\bAADSTS65001\b|consent_required/.test(detail), { cause });
  }
}
