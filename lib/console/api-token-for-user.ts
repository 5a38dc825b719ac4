import 'server-only';
import { OnBehalfOfRefusal, tokenOnBehalfOf } from '@/lib/azure/identity/on-behalf-of-token';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { consentRefusal } from './consent-refusal';

/** The scope that yields a token for the API: its App ID URI (or client id) with `/.default`, so every granted role is included. */
export function apiScopeOf(app: Pick<IndexedApp, 'appId' | 'identifierUris'>): string {
  return `${app.identifierUris[0] ?? app.appId}/.default`;
}

/** A token for the API on behalf of the user; Entra's refusal becomes a message the console user can act on. */
export async function apiTokenForUser(
  userAssertionToken: string,
  app: Pick<IndexedApp, 'appId' | 'displayName' | 'identifierUris'>,
): Promise<string> {
  const scope = apiScopeOf(app);
  try {
    return await tokenOnBehalfOf(userAssertionToken, scope);
  } catch (error) {
    if (!(error instanceof OnBehalfOfRefusal)) throw error;
    console.error('[console] on-behalf-of exchange failed', error.cause);
    if (error.consentRequired) throw await consentRefusal(app);
    throw new UserFacingError(
      `Microsoft Entra did not issue a token for ${scope} on your behalf: ${error.detail}`,
      'console_obo_failed',
      502,
    );
  }
}
