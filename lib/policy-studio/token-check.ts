import 'server-only';
import type { RoleportTokenCheck } from '@/lib/policy/generate-policy';

export interface TokenCheckApp {
  appId: string;
  identifierUris: string[];
  tokenVersion: 1 | 2;
}

export const v2Issuer = (authorityHost: string, tenantId: string) => `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`;
export const v1Issuer = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;
export const openIdConfigUrlFor = (authorityHost: string, tenantId: string) =>
  `${v2Issuer(authorityHost, tenantId)}/.well-known/openid-configuration`;

/**
 * The token settings Roleport writes for an app registration: the tenant's v2.0 discovery document, the app's App ID
 * URIs and client id as audiences, and the issuer of the token version the app accepts (v1 apps get sts.windows.net).
 */
export function tokenCheckFor(app: TokenCheckApp, tenant: { tenantId: string; authorityHost: string }): RoleportTokenCheck {
  return {
    openIdConfigUrl: openIdConfigUrlFor(tenant.authorityHost, tenant.tenantId),
    audiences: [...app.identifierUris, app.appId],
    issuers: [app.tokenVersion === 2 ? v2Issuer(tenant.authorityHost, tenant.tenantId) : v1Issuer(tenant.tenantId)],
  };
}
