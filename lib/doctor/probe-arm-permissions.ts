import 'server-only';
import { allowsAction } from '@/lib/azure/authorization/effective-permissions';
import { readPortalServicePermissions } from '@/lib/azure/authorization/portal-permissions';
import { REQUIRED_PERMISSIONS } from '@/lib/azure/required-permissions';
import { getConfig } from '@/lib/env';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';

const SUBJECT = "Roleport's role on the API Management service";
// The reads behind `Microsoft.ApiManagement/service/*/read`: each collection Roleport reads.
const CHILD_READS = [
  'apis',
  'apis/operations',
  'apis/policies',
  'apis/operations/policies',
  'products',
  'policies',
  'namedValues',
  'policyFragments',
  'apiVersionSets',
  'users',
  'subscriptions',
].map((c) => `Microsoft.ApiManagement/service/${c}/read`);

function actionsOf(permission: string): string[] {
  return permission.split(', ').flatMap((a) => (a === 'Microsoft.ApiManagement/service/*/read' ? CHILD_READS : [a]));
}

/**
 * Every RBAC action Roleport needs, checked against what ARM says Roleport's identity may do on the service
 * (Microsoft.Authorization permissions of the caller), so writes are verified without writing.
 */
export async function probeArmPermissions(): Promise<ConfigFinding[]> {
  const config = getConfig();
  let granted;
  try {
    granted = await readPortalServicePermissions();
  } catch (error) {
    return [
      {
        id: 'arm-permissions',
        check: 'arm-permission',
        status: 'error',
        subject: SUBJECT,
        title: "ARM did not say what Roleport's identity may do on the service",
        detail: error instanceof Error ? error.message : String(error),
        fix: 'Check APIM_SUBSCRIPTION_ID, APIM_RESOURCE_GROUP and APIM_SERVICE_NAME, and that Roleport has a role on the service.',
      },
    ];
  }
  return Object.entries(REQUIRED_PERMISSIONS)
    .filter(([, p]) => p.service === 'arm')
    .map(([key, p]): ConfigFinding => {
      const missing = actionsOf(p.permission).filter((a) => !allowsAction(granted, a));
      const base = { id: `arm-permission:${key}`, check: 'arm-permission' as const, subject: SUBJECT };
      if (missing.length === 0) return { ...base, status: 'ok', title: `May ${p.what}`, detail: p.permission };
      return {
        ...base,
        status: 'error',
        title: `May not ${p.what}`,
        detail: `Roleport's identity lacks ${missing.join(', ')} on ${config.apim.serviceName}: ${p.features} will fail.`,
        fix: `Assign Roleport's service principal a role with ${missing.join(', ')} on the service (API Management Service Contributor includes them; npm run setup:azure assigns it).`,
      };
    });
}
