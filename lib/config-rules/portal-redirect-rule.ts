import type { ConfigFinding } from './config-finding';
import { sameText, withoutTrailingSlash, type ConfigRulesInput } from './config-rules-input';

const SUBJECT = 'Portal app registration';

/** The portal's callback must be a redirect URI of its app registration, or Entra refuses every sign-in (AADSTS50011). */
export function checkPortalRedirect(input: ConfigRulesInput): ConfigFinding[] {
  if (!input.portal) return [];
  const { app, clientId, publicUrl } = input.portal;
  const callback = `${withoutTrailingSlash(publicUrl)}/api/auth/callback/azure-ad`;
  const base = { check: 'portal-redirect' as const, subject: SUBJECT, appId: clientId };
  if (!app) {
    return [
      {
        ...base,
        id: 'portal-app-missing',
        status: 'error',
        severity: 'high',
        title: 'The portal app registration was not found',
        detail: `No application with client id ${clientId} exists in the tenant.`,
        fix: 'Check AZURE_CLIENT_ID: it must be the client id of the Roleport app registration in this tenant.',
      },
    ];
  }
  if (app.redirectUris.some((uri) => uri === callback)) {
    return [
      {
        ...base,
        id: 'portal-redirect',
        status: 'ok',
        title: 'The sign-in callback is registered',
        detail: `${callback} is a redirect URI of ${app.displayName}.`,
      },
    ];
  }
  const nearly = app.redirectUris.find((uri) => sameText(uri, callback));
  return [
    {
      ...base,
      id: 'portal-redirect',
      status: 'error',
      severity: 'high',
      title: "This portal's sign-in callback is not a redirect URI of its app registration",
      detail: nearly
        ? `${app.displayName} lists ${nearly}, which differs from ${callback} only in case or a trailing slash; Entra compares redirect URIs exactly.`
        : `${app.displayName} lists ${app.redirectUris.join(', ') || 'no redirect URIs'}; sign-in sends ${callback}, so Entra answers AADSTS50011.`,
      fix: `Add ${callback} under Authentication → Web → Redirect URIs of ${app.displayName} (or set PUBLIC_URL to the URL the portal is served at).`,
    },
  ];
}
