import { randomUUID } from 'node:crypto';
import type { VerifiedClaims } from '../context';
import { ArmError } from './arm-response';

// Azure RBAC as ARM enforces it for the API Management service. Role definitions are copied from "Azure built-in roles
// for Integration" (learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration) and "General"
// (Reader, Contributor); action names are the Microsoft.ApiManagement resource provider operations
// (learn.microsoft.com/azure/role-based-access-control/permissions/integration#microsoftapimanagement).

export interface RoleDefinition {
  /** The role definition's GUID (built-in roles have the same one in every tenant). */
  id?: string;
  roleName: string;
  actions: string[];
  notActions: string[];
}

export const BUILT_IN_ROLES: Record<string, RoleDefinition> = {
  Reader: { id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', roleName: 'Reader', actions: ['*/read'], notActions: [] },
  Owner: { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', roleName: 'Owner', actions: ['*'], notActions: [] },
  'User Access Administrator': {
    id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    roleName: 'User Access Administrator',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
  },
  Contributor: {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action'],
  },
  'API Management Service Reader Role': {
    id: '71522526-b88f-4d52-b57f-d31fc3546d0d',
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
  // General built-in roles (learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration#eventgrid-eventsubscription-contributor).
  'EventGrid EventSubscription Contributor': {
    id: '428e0ff0-5e57-4d9c-a221-2c70d0e0a443',
    roleName: 'EventGrid EventSubscription Contributor',
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.EventGrid/eventSubscriptions/*',
      'Microsoft.EventGrid/topicTypes/eventSubscriptions/read',
      'Microsoft.EventGrid/locations/eventSubscriptions/read',
      'Microsoft.EventGrid/locations/topicTypes/eventSubscriptions/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
  'API Management Service Contributor': {
    id: '312a565d-c81f-4fd8-895a-4e21e48d571c',
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
  /** The role assignment's name (a GUID) under its scope. */
  name: string;
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

  assign(principalId: string, role: RoleDefinition, scope: string, name: string = randomUUID()) {
    const assignment = { name: name.toLowerCase(), principalId: principalId.toLowerCase(), role, scope };
    this.assignments.push(assignment);
    return assignment;
  }

  /** Assignments of the principal at `scope` or above it (inherited), which decide what it may do there. */
  covering(principalId: string, scope: string) {
    return this.assignments.filter(
      (a) => a.principalId === principalId.toLowerCase() && `${scope.toLowerCase()}/`.startsWith(`${a.scope.toLowerCase()}/`),
    );
  }

  /** Throws ARM's 403 AuthorizationFailed unless an assignment at or above `scope` allows `action`. */
  authorizeAction(claims: VerifiedClaims, action: string, scope: string) {
    const oid = String(claims.oid ?? '').toLowerCase();
    if (this.covering(oid, scope).some((a) => roleAllows(a.role, action))) return;
    const client = String(claims.appid ?? claims.azp ?? oid);
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${client}' with object id '${oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
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
