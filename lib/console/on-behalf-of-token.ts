import 'server-only';
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { consentRefusal, isConsentRequired } from './consent-refusal';

/** The scope that yields a token for the API: its App ID URI (or client id) with `/.default`, so every granted role is included. */
export function apiScopeOf(app: Pick<IndexedApp, 'appId' | 'identifierUris'>): string {
  return `${app.identifierUris[0] ?? app.appId}/.default`;
}

/**
 * Exchanges the user's token for Roleport (the assertion) for a token for the API, on behalf of that user.
 * One credential per call: the assertion is the user's own, and nothing here is cached across users.
 */
export async function tokenOnBehalfOf(
  userAssertionToken: string,
  app: Pick<IndexedApp, 'appId' | 'displayName' | 'identifierUris'>,
): Promise<string> {
  const scope = apiScopeOf(app);
  const config = getConfig();
  // The constructor's overloads omit AuthorityValidationOptions, which the credential honours (OnBehalfOfCredentialOptions includes it).
  const options: OnBehalfOfCredentialSecretOptions & MultiTenantTokenCredentialOptions & AuthorityValidationOptions = {
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    userAssertionToken,
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
  };
  const credential = new OnBehalfOfCredential(options);
  try {
    const token = await credential.getToken(scope);
    return token.token;
  } catch (cause) {
    console.error('[console] on-behalf-of exchange failed', cause);
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    if (isConsentRequired(detail ?? '')) throw await consentRefusal(app);
    throw new UserFacingError(`Microsoft Entra did not issue a token for ${scope} on your behalf: ${detail}`, 'console_obo_failed', 502);
  }
}
