import 'server-only';
import type { AuthorizationManagementClient } from '@azure/arm-authorization';

export interface EffectivePermissions {
  actions: string[];
  notActions: string[];
}

/** `*` matches any characters, `/` included; ARM compares actions without regard to case. */
function matches(pattern: string, action: string): boolean {
  const body = pattern
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i').test(action);
}

/** Whether one of the caller's role assignments allows the action (its actions match and its notActions do not). */
export function allowsAction(permissions: EffectivePermissions[], action: string): boolean {
  return permissions.some((p) => p.actions.some((a) => matches(a, action)) && !p.notActions.some((a) => matches(a, action)));
}

/**
 * What the caller may do on the API Management service, as ARM itself answers it ("Permissions - List For Resource",
 * Microsoft.Authorization 2022-04-01): a read anyone may make about themselves, so actions are tried, not assumed.
 */
export async function readServicePermissions(
  client: AuthorizationManagementClient,
  apim: { resourceGroup: string; serviceName: string },
): Promise<EffectivePermissions[]> {
  const out: EffectivePermissions[] = [];
  for await (const p of client.permissions.listForResource(
    apim.resourceGroup,
    'Microsoft.ApiManagement',
    '',
    'service',
    apim.serviceName,
  )) {
    out.push({ actions: p.actions ?? [], notActions: p.notActions ?? [] });
  }
  return out;
}
