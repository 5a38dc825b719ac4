import 'server-only';
import type { DelegatedGrant, EntraApplication } from '@/lib/azure/graph/types';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';

export interface PortalIdentity {
  clientId: string;
  /** Object id of Roleport's service principal (the clientId of its delegated grants); null if Graph has none. */
  servicePrincipalId: string | null;
  authorityHost: string;
  tenantId: string;
  publicUrl: string;
}

export type ApiRegistration = Pick<
  EntraApplication,
  'appId' | 'displayName' | 'identifierUris' | 'delegatedScopes' | 'preAuthorizedApplications'
>;

/**
 * The admin-consent URL (Microsoft identity platform v2.0 `adminconsent` endpoint) that grants Roleport the API's
 * delegated scopes for every user of the tenant; Entra sends the admin back to the portal's registered callback.
 */
export function adminConsentUrl(
  portal: Pick<PortalIdentity, 'clientId' | 'authorityHost' | 'tenantId' | 'publicUrl'>,
  api: Pick<ApiRegistration, 'appId' | 'identifierUris'>,
  scopes: string[],
): string {
  const prefix = (api.identifierUris[0] ?? api.appId).replace(/\/+$/, '');
  const url = new URL(`${portal.authorityHost.replace(/\/+$/, '')}/${portal.tenantId}/v2.0/adminconsent`);
  url.searchParams.set('client_id', portal.clientId);
  url.searchParams.set('scope', scopes.map((s) => `${prefix}/${s}`).join(' '));
  url.searchParams.set('redirect_uri', `${portal.publicUrl.replace(/\/+$/, '')}/api/auth/callback/azure-ad`);
  return url.toString();
}

export type ConsoleReach =
  | { kind: 'ok'; via: 'admin-consent' | 'pre-authorized'; scopes: string[] }
  | { kind: 'some-users'; users: number; scopes: string[] }
  | { kind: 'unconsented'; scopes: string[] }
  | { kind: 'no-scope' };

/**
 * Whether Entra will give Roleport a token for the API on behalf of any user (the console's on-behalf-of exchange):
 * only scopes the API exposes and that an admin consented to (AllPrincipals), the user consented to, or the API
 * pre-authorizes Roleport for. `knownClientApplications` grants nothing by itself, so it is not counted.
 */
export function consoleReach(
  portal: PortalIdentity,
  api: ApiRegistration,
  /** Roleport's grants on this API's service principal. */
  grants: DelegatedGrant[],
): ConsoleReach {
  const enabled = api.delegatedScopes.filter((s) => s.isEnabled);
  if (enabled.length === 0) return { kind: 'no-scope' };
  const names = enabled.map((s) => s.value);
  const preAuthorized = api.preAuthorizedApplications
    .filter((p) => p.appId.toLowerCase() === portal.clientId.toLowerCase())
    .flatMap((p) => p.delegatedPermissionIds);
  const pre = enabled.filter((s) => preAuthorized.includes(s.id)).map((s) => s.value);
  if (pre.length > 0) return { kind: 'ok', via: 'pre-authorized', scopes: pre };
  const covering = (g: DelegatedGrant) => g.scopes.filter((s) => names.includes(s));
  const admin = grants.filter((g) => g.consentType === 'AllPrincipals').flatMap(covering);
  if (admin.length > 0) return { kind: 'ok', via: 'admin-consent', scopes: [...new Set(admin)] };
  const users = new Set(grants.filter((g) => g.consentType === 'Principal' && covering(g).length > 0).map((g) => g.principalId));
  if (users.size > 0) return { kind: 'some-users', users: users.size, scopes: names };
  return { kind: 'unconsented', scopes: names };
}

/** The doctor's finding for one API the console may call. */
export function consoleReachFinding(
  subject: string,
  portal: PortalIdentity,
  api: ApiRegistration,
  grants: DelegatedGrant[],
): ConfigFinding {
  const reach = consoleReach(portal, api, grants);
  const id = `console-reach:${api.appId}`;
  const base = { id, check: 'console-reach' as const, subject, appId: api.appId };
  if (reach.kind === 'ok') {
    return {
      ...base,
      status: 'ok',
      title: 'The console can call this API on behalf of users',
      detail:
        reach.via === 'pre-authorized'
          ? `${api.displayName} pre-authorizes Roleport for ${reach.scopes.join(', ')}.`
          : `An administrator consented to Roleport calling ${api.displayName} with ${reach.scopes.join(', ')} for all users.`,
    };
  }
  if (reach.kind === 'no-scope') {
    return {
      ...base,
      status: 'error',
      title: 'The console cannot call this API: it exposes no delegated permission',
      detail: `${api.displayName} exposes no enabled scope, so Entra cannot issue a token for it on a user's behalf (the on-behalf-of exchange answers AADSTS65001).`,
      fix: `Expose a scope on ${api.displayName} (Expose an API → Add a scope, e.g. user_impersonation), then grant Roleport admin consent to it or pre-authorize Roleport for it.`,
    };
  }
  const link = { label: 'Grant admin consent', href: adminConsentUrl(portal, api, reach.scopes) };
  const fix = `An administrator grants Roleport the delegated permission ${reach.scopes.join(', ')} on ${api.displayName} for all users (admin consent), or ${api.displayName}'s owner pre-authorizes Roleport (client id ${portal.clientId}) for it under Expose an API.`;
  if (reach.kind === 'some-users') {
    return {
      ...base,
      status: 'warn',
      title: 'Only some users can use the console on this API',
      detail: `${reach.users} user${reach.users === 1 ? ' has' : 's have'} consented to Roleport calling ${api.displayName}; everyone else is refused with AADSTS65001 (consent_required).`,
      fix,
      link,
    };
  }
  return {
    ...base,
    status: 'error',
    title: 'The console cannot call this API: Roleport has no consent',
    detail: `No one consented to Roleport calling ${api.displayName} on behalf of users, so every console call is refused by Entra with AADSTS65001 (consent_required).`,
    fix,
    link,
  };
}
