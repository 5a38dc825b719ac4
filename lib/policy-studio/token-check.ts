import 'server-only';
import { v1IssuerOf } from '@/lib/azure-clouds';
import type { RoleportTokenCheck } from '@/lib/policy/generate-policy';

export interface TokenCheckApp {
  appId: string;
  identifierUris: string[];
  tokenVersion: 1 | 2;
}

export interface TokenCheckTenant {
  tenantId: string;
  authorityHost: string;
  v1IssuerHost: string;
}

export const v2Issuer = (authorityHost: string, tenantId: string) => `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`;
export const openIdConfigUrlFor = (authorityHost: string, tenantId: string) =>
  `${v2Issuer(authorityHost, tenantId)}/.well-known/openid-configuration`;

/**
 * The token settings Roleport writes for an app registration: the tenant's v2.0 discovery document, the app's App ID
 * URIs and client id as audiences, and the issuer of the token version the app accepts (v1 apps get the cloud's v1 issuer, sts.windows.net on the public cloud).
 */
export function tokenCheckFor(app: TokenCheckApp, tenant: TokenCheckTenant): RoleportTokenCheck {
  return {
    openIdConfigUrl: openIdConfigUrlFor(tenant.authorityHost, tenant.tenantId),
    audiences: [...app.identifierUris, app.appId],
    issuers: [app.tokenVersion === 2 ? v2Issuer(tenant.authorityHost, tenant.tenantId) : v1IssuerOf(tenant.v1IssuerHost, tenant.tenantId)],
  };
}
