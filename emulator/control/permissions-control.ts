import type { RbacState } from '../arm/rbac';
import type { Directory } from '../directory/directory';
import { PORTAL_APP } from '../seed/demo-tenant';
import { GRAPH_APP_ROLES, MICROSOFT_GRAPH } from '../seed/directory-seed';
import { ROLES_BY_NAME, SERVICE_SCOPE } from '../seed/rbac-seed';

export interface PermissionTargets {
  directory: Directory;
  rbac: RbacState;
}

export interface PortalPermissions {
  /** Graph application permissions: app role assignments of Roleport's service principal on Microsoft Graph's. */
  graph: string[];
  /** Azure RBAC roles of Roleport's service principal on the API Management service. */
  arm: string[];
}

const graphSp = (dir: Directory) => dir.servicePrincipalByAppId(MICROSOFT_GRAPH.appId)!;

export function readPortalPermissions({ directory, rbac }: PermissionTargets): PortalPermissions {
  const byId = new Map(Object.entries(GRAPH_APP_ROLES).map(([name, id]) => [id, name]));
  const graph = directory
    .assignmentsOf(PORTAL_APP.servicePrincipalId)
    .filter((a) => a.resourceId === graphSp(directory).id)
    .map((a) => byId.get(a.appRoleId) ?? a.appRoleId)
    .sort();
  const arm = rbac.assignments.filter((a) => a.principalId === PORTAL_APP.servicePrincipalId).map((a) => a.role.roleName);
  return { graph, arm };
}

/**
 * Replaces what Roleport's identity was granted, as an administrator would in Entra (app role assignments on
 * Microsoft Graph) and in Azure (role assignments on the service). New tokens carry the change; issued ones do not.
 * Returns an error message for an unknown permission or role.
 */
export function setPortalPermissions({ directory, rbac }: PermissionTargets, body: unknown): string | null {
  const input = (body ?? {}) as Partial<Record<'graph' | 'arm', unknown>>;
  const list = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
  const graph = input.graph === undefined ? undefined : list(input.graph);
  const arm = input.arm === undefined ? undefined : list(input.arm);
  if (graph === null || arm === null) return 'graph and arm must be arrays of names.';
  const unknownGraph = graph?.find((p) => !(p in GRAPH_APP_ROLES));
  if (unknownGraph) return `Unknown Graph application permission '${unknownGraph}'.`;
  const unknownRole = arm?.find((r) => !(r in ROLES_BY_NAME));
  if (unknownRole) return `Unknown role '${unknownRole}'.`;
  if (graph) {
    const sp = graphSp(directory);
    for (const a of directory.assignmentsOf(PORTAL_APP.servicePrincipalId)) if (a.resourceId === sp.id) directory.unassign(a.id);
    for (const p of graph) directory.assign(PORTAL_APP.servicePrincipalId, sp.id, GRAPH_APP_ROLES[p]!);
  }
  if (arm) {
    rbac.removeAllOf(PORTAL_APP.servicePrincipalId);
    for (const r of arm) rbac.assign(PORTAL_APP.servicePrincipalId, ROLES_BY_NAME[r]!, SERVICE_SCOPE);
  }
  return null;
}
