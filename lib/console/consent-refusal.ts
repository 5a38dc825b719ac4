import 'server-only';
import { findApplicationByAudience } from '@/lib/azure/graph/applications';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { adminConsentUrl } from '@/lib/doctor/console-reach';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/**
 * Explains Entra's AADSTS65001 to the console user: Roleport has no delegated permission on the API, and only an
 * administrator (or the API's owner) can fix that. The API's exposed scopes are read live to name them in the fix.
 */
export async function consentRefusal(app: Pick<IndexedApp, 'appId' | 'displayName' | 'identifierUris'>): Promise<UserFacingError> {
  const config = getConfig();
  const registration = await findApplicationByAudience(app.appId).catch((error: unknown) => {
    console.error('[console] could not read the API registration to explain a consent refusal', error);
    return null;
  });
  const scopes = (registration?.delegatedScopes ?? []).filter((s) => s.isEnabled).map((s) => s.value);
  const refused = `Microsoft Entra refused a token for ${app.displayName} on your behalf (AADSTS65001, consent_required): Roleport has no delegated permission on ${app.displayName}.`;
  if (registration && scopes.length === 0) {
    return new UserFacingError(
      `${refused} ${app.displayName} exposes no delegated permission (scope), so it cannot be called on a user's behalf at all. Its owner must expose a scope (e.g. user_impersonation); then an administrator grants Roleport consent to it.`,
      'console_consent_required',
      403,
    );
  }
  const named = scopes.length > 0 ? scopes : ['user_impersonation'];
  return new UserFacingError(
    `${refused} An administrator grants Roleport admin consent to ${named.join(', ')} on ${app.displayName} (or the API's owner pre-authorizes Roleport, client id ${config.clientId}); then try again.`,
    'console_consent_required',
    403,
    { label: 'Grant admin consent', href: adminConsentUrl(config, registration ?? app, named) },
  );
}
