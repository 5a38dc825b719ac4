import type { VerifiedClaims } from '../context';
import { ArmError } from './arm-response';

// Azure RBAC as ARM enforces it for the API Management service. Role definitions are copied from "Azure built-in roles
// for Integration" (learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration) and "General"
// (Reader, Contributor); action names are the Microsoft.ApiManagement resource provider operations
// (learn.microsoft.com/azure/role-based-access-control/permissions/integration#microsoftapimanagement).

export interface RoleDefinition {
  roleName: string;
  actions: string[];
  notActions: string[];
}

export const BUILT_IN_ROLES: Record<string, RoleDefinition> = {
  Reader: { roleName: 'Reader', actions: ['*/read'], notActions: [] },
  Contributor: {
    roleName: 'Contributor',
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action'],
  },
  'API Management Service Reader Role': {
    roleName: 'API Management Service Reader Role',
    actions: [
      'Microsoft.ApiManagement/service/*/read',
      'Microsoft.ApiManagement/service/read',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
    notActions: ['Microsoft.ApiManagement/service/users/keys/read'],
  },
  'API Management Service Contributor': {
    roleName: 'API Management Service Contributor',
    actions: [
      'Microsoft.ApiManagement/service/*',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
};

export interface RbacAssignment {
  principalId: string;
  role: RoleDefinition;
  /** An ARM id prefix: a subscription, resource group or the service (or something below it). */
  scope: string;
}

/** `*` in an action pattern matches any characters, `/` included; comparison ignores case (ARM does). */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

export function roleAllows(role: RoleDefinition, action: string): boolean {
  return role.actions.some((a) => matches(a, action)) && !role.notActions.some((a) => matches(a, action));
}

/**
 * The RBAC action of an APIM request: the resource type is the service type plus each collection segment below it;
 * GET/HEAD read, PUT/PATCH write, DELETE delete, and POST on `{type}/{name}/{verb}` is the action `{type}/{verb}/action`.
 */
export function actionOf(method: string, segments: string[]): string {
  const m = method.toUpperCase();
  const post = m === 'POST' && segments.length % 2 === 1 && segments.length >= 3;
  const typed = post ? segments.slice(0, -1) : segments;
  const types = typed.filter((_, i) => i % 2 === 0);
  const type = ['Microsoft.ApiManagement/service', ...types].join('/');
  if (post) return `${type}/${segments[segments.length - 1]}/action`;
  const verb = m === 'GET' || m === 'HEAD' ? 'read' : m === 'DELETE' ? 'delete' : m === 'POST' ? 'action' : 'write';
  return `${type}/${verb}`;
}

/** Role assignments per principal, checked on every ARM request after authentication. */
export class RbacState {
  readonly assignments: RbacAssignment[] = [];

  assign(principalId: string, role: RoleDefinition, scope: string) {
    this.assignments.push({ principalId: principalId.toLowerCase(), role, scope });
  }

  removeAllOf(principalId: string) {
    const keep = this.assignments.filter((a) => a.principalId !== principalId.toLowerCase());
    this.assignments.splice(0, this.assignments.length, ...keep);
  }

  /** Throws ARM's 403 AuthorizationFailed unless an assignment at or above `resourceId` allows the action. */
  authorize(claims: VerifiedClaims, method: string, segments: string[], serviceId: string, resourceId: string) {
    const oid = String(claims.oid ?? '').toLowerCase();
    const action = actionOf(method, segments);
    const allowed = this.assignments.some(
      (a) => a.principalId === oid && resourceId.toLowerCase().startsWith(a.scope.toLowerCase()) && roleAllows(a.role, action),
    );
    if (allowed) return;
    const client = String(claims.appid ?? claims.azp ?? oid);
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${client}' with object id '${oid}' does not have authorization to perform action '${action}' over scope '${resourceId || serviceId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
}
