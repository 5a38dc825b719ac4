import 'server-only';
import { getConfig } from '@/lib/env';

/**
 * Why no role can be requested for an application's service principal registered in another tenant (a multi-tenant
 * app's: its `appOwnerOrganizationId` names the tenant where the app is registered), or null for this tenant's own.
 * Such an app is managed from its home tenant, whose owners Roleport can neither read nor trust; the submission check,
 * the request form and My apps all ask this one question.
 */
export function foreignClientRefusal(principal: { displayName: string; appOwnerOrganizationId: string | null }): string | null {
  if (principal.appOwnerOrganizationId?.toLowerCase() === getConfig().tenantId.toLowerCase()) return null;
  return `${principal.displayName} is registered in another tenant (${principal.appOwnerOrganizationId ?? 'unknown'}); Roleport grants roles only to this tenant's own applications and managed identities.`;
}
