import type { Directory } from '../directory/directory';
import type { DirectoryApplication, DirectoryUser } from '../directory/types';
import { invalidGrant } from './entra-errors';
import type { ResolvedResource } from './resolve-resource';

/**
 * The delegated scopes a middle tier may receive on behalf of a user (Microsoft identity platform, "OAuth 2.0
 * On-Behalf-Of flow", Gaining consent for the middle-tier application): the middle tier cannot prompt, so every scope
 * must already be granted — by admin consent (an AllPrincipals oAuth2PermissionGrant), by the user's own consent
 * (a Principal grant), or by the API pre-authorizing the client for it (`api.preAuthorizedApplications`).
 * `knownClientApplications` only widens an interactive consent prompt; it grants nothing by itself, so it is not read here.
 * `.default` yields every granted scope; with none granted — which is always so for an API that exposes no delegated
 * scope — the exchange fails with AADSTS65001, suberror consent_required (the response shape Entra sends, captured in
 * public issue reports such as microsoftgraph/microsoft-graph-docs-contrib#3462).
 */
export function consentedOboScopes(
  dir: Directory,
  client: DirectoryApplication,
  user: DirectoryUser,
  resource: ResolvedResource,
  requested: string[],
): string[] {
  const exposed = resource.app.api.oauth2PermissionScopes.filter((s) => s.isEnabled);
  const clientSp = dir.servicePrincipalByAppId(client.appId);
  const granted = clientSp ? dir.consentedScopes(clientSp.id, resource.sp.id, user.id) : new Set<string>();
  const preAuthorized = new Set(
    resource.app.api.preAuthorizedApplications
      .filter((p) => p.appId.toLowerCase() === client.appId.toLowerCase())
      .flatMap((p) => p.delegatedPermissionIds),
  );
  const allowed = exposed.filter((s) => granted.has(s.value) || preAuthorized.has(s.id)).map((s) => s.value);
  // `.default` stands for whatever is granted; named scopes must each be granted.
  const named = resource.names.includes('.default') ? [] : requested;
  if (allowed.length === 0 || named.some((s) => !allowed.includes(s))) throw consentRequired(client);
  return named.length > 0 ? named : allowed;
}

export function consentRequired(client: DirectoryApplication) {
  return invalidGrant(
    65001,
    `The user or administrator has not consented to use the application with ID '${client.appId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource.`,
    { suberror: 'consent_required' },
  );
}
