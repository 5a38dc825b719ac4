import 'server-only';
import { getClientPrincipalByAppId, listManagedIdentities } from '@/lib/azure/graph/client-principals';
import { listOwnedClients } from '@/lib/azure/graph/owned-clients';
import { foreignClientRefusal } from './foreign-client-refusal';

/** A workload a developer can request an app role for. */
export interface WorkloadClient {
  /** The service principal's object id: the principal the role is assigned to. */
  servicePrincipalId: string;
  appId: string;
  displayName: string;
  kind: 'application' | 'managed-identity';
  /** What the developer owns of it: its app registration, its service principal, or nothing (a managed identity). */
  owns: ('app registration' | 'service principal')[];
  /** Why no role can be requested for it (an app registered in another tenant); null when it can be requested for. */
  refusal: string | null;
}

/**
 * The applications the signed-in user owns (app registration or service principal, per Graph's ownedObjects, read on
 * their behalf) with their service principals, then the tenant's managed identities, which no one owns.
 * An app registration without a service principal in the tenant cannot hold a role yet and is left out; a service
 * principal of an app registered in another tenant is listed with the refusal a request for it would get.
 */
export async function listWorkloadClients(
  userAssertionToken: string,
  options: { managedIdentities?: boolean } = {},
): Promise<WorkloadClient[]> {
  const owned = await listOwnedClients(userAssertionToken);
  const byAppId = new Map<string, WorkloadClient>();
  for (const item of owned.filter((o) => o.kind === 'servicePrincipal'))
    byAppId.set(item.appId.toLowerCase(), {
      servicePrincipalId: item.id,
      appId: item.appId,
      displayName: item.displayName,
      kind: 'application',
      owns: ['service principal'],
      refusal: foreignClientRefusal(item),
    });
  for (const item of owned.filter((o) => o.kind === 'application')) {
    const known = byAppId.get(item.appId.toLowerCase());
    if (known) {
      known.owns.unshift('app registration');
      continue;
    }
    const sp = await getClientPrincipalByAppId(item.appId);
    if (sp)
      byAppId.set(item.appId.toLowerCase(), {
        servicePrincipalId: sp.id,
        appId: sp.appId,
        displayName: item.displayName,
        kind: 'application',
        owns: ['app registration'],
        refusal: null,
      });
  }
  const apps = [...byAppId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (!options.managedIdentities) return apps;
  const identities = (await listManagedIdentities())
    .map((mi) => ({
      servicePrincipalId: mi.id,
      appId: mi.appId,
      displayName: mi.displayName,
      kind: 'managed-identity' as const,
      owns: [],
      refusal: null,
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return [...apps, ...identities];
}
