import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { graphClient } from './client';
import { odataString, readAllPages } from './paged';
import { reshapeAssignment, reshapeClientPrincipal, reshapePrincipal } from './reshape';
import { isNotFound } from './role-assignments';
import type { ClientPrincipal, DirectoryPrincipal, RoleAssignment } from './types';

const SP_SELECT = '$select=id,appId,displayName,servicePrincipalType,appOwnerOrganizationId';

/** A client service principal by object id; null when it does not exist (never created, or deleted). */
export async function getClientPrincipal(servicePrincipalId: string): Promise<ClientPrincipal | null> {
  try {
    const sp = (await withPermission('graph.readApplications', () =>
      graphClient()
        .api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}?${SP_SELECT}`)
        .get(),
    )) as Record<string, unknown>;
    return reshapeClientPrincipal(sp);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** A client service principal by its application (client) id; null when the tenant has none. */
export async function getClientPrincipalByAppId(appId: string): Promise<ClientPrincipal | null> {
  const filter = encodeURIComponent(`appId eq ${odataString(appId)}`);
  const found = await withPermission('graph.readApplications', () => readAllPages(`/servicePrincipals?$filter=${filter}&${SP_SELECT}`));
  return found[0] ? reshapeClientPrincipal(found[0]) : null;
}

/**
 * Owners of the client: those of its service principal and those of its app registration in this tenant (Graph keeps
 * them apart; owning either lets someone manage the workload's credentials). An app registered in another tenant has no
 * registration here, and a managed identity has neither, so both lists can be empty.
 */
export async function listClientOwners(client: Pick<ClientPrincipal, 'id' | 'appId'>): Promise<DirectoryPrincipal[]> {
  const spOwners = await withPermission('graph.readApplications', () =>
    readAllPages(`/servicePrincipals/${encodeURIComponent(client.id)}/owners?$select=id,displayName`),
  );
  let appOwners: Record<string, unknown>[] = [];
  try {
    appOwners = await withPermission('graph.readApplications', () =>
      readAllPages(`/applications(appId=${encodeURIComponent(odataString(client.appId))})/owners?$select=id,displayName`),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const byId = new Map([...spOwners, ...appOwners].map((o) => reshapePrincipal(o)).map((o) => [o.id.toLowerCase(), o]));
  return [...byId.values()];
}

/** The app roles assigned to the client service principal itself (what its client-credentials tokens carry). */
export async function listClientAssignments(servicePrincipalId: string): Promise<RoleAssignment[]> {
  const items = await withPermission('graph.readApplications', () =>
    readAllPages(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignments`),
  );
  return items.map(reshapeAssignment);
}

/** Every managed identity's service principal in the tenant (they have no owners, so no one's ownedObjects lists them). */
export async function listManagedIdentities(): Promise<ClientPrincipal[]> {
  const filter = encodeURIComponent("servicePrincipalType eq 'ManagedIdentity'");
  const items = await withPermission('graph.readApplications', () => readAllPages(`/servicePrincipals?$filter=${filter}&${SP_SELECT}`));
  return items.map(reshapeClientPrincipal);
}
