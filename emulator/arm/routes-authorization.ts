import type { IncomingMessage } from 'node:http';
import type { VerifiedClaims } from '../context';
import type { Directory } from '../directory/directory';
import { isGuid } from '../http/ids';
import { readJson, type ArmResult } from './arm-request';
import { ArmError } from './arm-response';
import type { RbacAssignment, RbacState, RoleDefinition } from './rbac';

// Microsoft.Authorization at the scopes the emulator knows (the subscription, the resource group, the APIM service):
// role definitions, role assignments and the caller's own permissions, api-version 2022-04-01. Shapes and errors follow
// REST spec specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01
// (authorization-RoleAssignmentsCalls.json, authorization-RoleDefinitionsCalls.json) and
// learn.microsoft.com/azure/role-based-access-control/troubleshooting (RoleAssignmentExists, PrincipalNotFound).

const PROVIDER = /^(.*?)\/providers\/microsoft\.authorization\/(roleassignments|roledefinitions|permissions)(?:\/([^/]+))?$/i;
const API_VERSIONS = ['2022-04-01', '2022-05-01-preview', '2020-10-01-preview'];

export interface AuthorizationRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  claims: VerifiedClaims;
  rbac: RbacState;
  /** Every role definition the tenant can assign, by name. */
  roles: Record<string, RoleDefinition>;
  directory?: Directory;
  /** The APIM service's ARM id: it and its ancestors are the scopes that exist here. */
  serviceId: string;
}

// The SDK leaves an empty `parentResourcePath` as an empty segment (`…/Microsoft.ApiManagement//service/…`); ARM reads it as one slash.
const normalize = (pathname: string) => pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');

export const isAuthorizationPath = (pathname: string) => PROVIDER.test(normalize(pathname));

function knownScope(scope: string, serviceId: string): string {
  const parts = serviceId.split('/');
  // /subscriptions/{s}, …/resourceGroups/{rg}, …/providers/Microsoft.ApiManagement/service/{name}
  const ancestors = [parts.slice(0, 3), parts.slice(0, 5), parts].map((p) => p.join('/'));
  const match = ancestors.find((a) => a.toLowerCase() === scope.toLowerCase());
  if (!match) throw new ArmError(404, 'ResourceNotFound', `The scope '${scope}' does not exist or is not served by this emulator.`);
  return match;
}

const subscriptionOf = (serviceId: string) => serviceId.split('/').slice(0, 3).join('/');
const definitionId = (serviceId: string, role: RoleDefinition) =>
  `${subscriptionOf(serviceId)}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;

function definitionJson(serviceId: string, role: RoleDefinition) {
  return {
    id: definitionId(serviceId, role),
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.id,
    properties: {
      roleName: role.roleName,
      type: role.roleName.startsWith('Roleport') ? 'CustomRole' : 'BuiltInRole',
      description: role.roleName,
      assignableScopes: ['/'],
      permissions: [{ actions: role.actions, notActions: role.notActions, dataActions: [], notDataActions: [] }],
    },
  };
}

function assignmentJson(serviceId: string, a: RbacAssignment, directory?: Directory) {
  const principal = directory?.principal(a.principalId);
  return {
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
    properties: {
      roleDefinitionId: definitionId(serviceId, a.role),
      principalId: a.principalId,
      principalType: principal?.type ?? 'ServicePrincipal',
      scope: a.scope,
      condition: null,
      conditionVersion: null,
    },
  };
}

/** `principalId eq '…'`, `assignedTo('…')`, `atScope()` and `roleName eq '…'` — the documented filters. */
function filterOf(url: URL): { principalId?: string; atScope?: boolean; roleName?: string } {
  const raw = url.searchParams.get('$filter');
  if (raw === null) return {};
  const principal = /^\s*(?:principalId\s+eq\s+'([^']+)'|assignedTo\('([^']+)'\))\s*$/i.exec(raw);
  if (principal) return { principalId: (principal[1] ?? principal[2])!.toLowerCase() };
  if (/^\s*atScope\(\)\s*$/i.test(raw)) return { atScope: true };
  const role = /^\s*roleName\s+eq\s+'([^']+)'\s*$/i.exec(raw);
  if (role) return { roleName: role[1] };
  throw new ArmError(400, 'InvalidFilterParameter', `The filter '${raw}' is not supported.`);
}

export async function handleAuthorization(r: AuthorizationRequest): Promise<ArmResult> {
  const match = PROVIDER.exec(normalize(decodeURIComponent(r.url.pathname)))!;
  const scope = knownScope(match[1]!, r.serviceId);
  const kind = match[2]!.toLowerCase();
  const name = match[3];
  const version = r.url.searchParams.get('api-version');
  if (!version)
    throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (!API_VERSIONS.includes(version))
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '${API_VERSIONS.join(',')}'.`,
    );
  const roles = Object.values(r.roles);

  if (kind === 'permissions' && !name && r.method === 'GET') {
    // "Gets all permissions the caller has" at the scope: readable by any caller, about itself only.
    const mine = r.rbac.covering(String(r.claims.oid ?? ''), scope);
    return {
      status: 200,
      body: { value: mine.map((a) => ({ actions: a.role.actions, notActions: a.role.notActions, dataActions: [], notDataActions: [] })) },
    };
  }
  if (kind === 'roledefinitions' && r.method === 'GET') {
    r.rbac.authorizeAction(r.claims, 'Microsoft.Authorization/roleDefinitions/read', scope);
    if (name) {
      const role = roles.find((d) => d.id === name.toLowerCase());
      if (!role) throw new ArmError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${name}' does not exist.`);
      return { status: 200, body: definitionJson(r.serviceId, role) };
    }
    const { roleName } = filterOf(r.url);
    const found = roles.filter((d) => roleName === undefined || d.roleName.toLowerCase() === roleName.toLowerCase());
    return { status: 200, body: { value: found.map((d) => definitionJson(r.serviceId, d)) } };
  }
  if (kind === 'roleassignments' && !name && r.method === 'GET') {
    r.rbac.authorizeAction(r.claims, 'Microsoft.Authorization/roleAssignments/read', scope);
    const filter = filterOf(r.url);
    const lower = scope.toLowerCase();
    // At, above (inherited) and below the scope; atScope() keeps those at or above it.
    const found = r.rbac.assignments.filter((a) => {
      const at = a.scope.toLowerCase();
      const related = `${lower}/`.startsWith(`${at}/`) || (!filter.atScope && at.startsWith(`${lower}/`));
      return related && (filter.principalId === undefined || a.principalId === filter.principalId);
    });
    return { status: 200, body: { value: found.map((a) => assignmentJson(r.serviceId, a, r.directory)) } };
  }
  if (kind === 'roleassignments' && name && r.method === 'PUT') return createAssignment(r, scope, name, roles);
  if (kind === 'roleassignments' && name && r.method === 'GET') {
    r.rbac.authorizeAction(r.claims, 'Microsoft.Authorization/roleAssignments/read', scope);
    const found = r.rbac.assignments.find((a) => a.name === name.toLowerCase() && a.scope.toLowerCase() === scope.toLowerCase());
    if (!found) throw new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
    return { status: 200, body: assignmentJson(r.serviceId, found, r.directory) };
  }
  throw new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${r.method}'.`);
}

async function createAssignment(r: AuthorizationRequest, scope: string, name: string, roles: RoleDefinition[]): Promise<ArmResult> {
  r.rbac.authorizeAction(r.claims, 'Microsoft.Authorization/roleAssignments/write', scope);
  if (!isGuid(name))
    throw new ArmError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    );
  const body = await readJson({ req: r.req } as Parameters<typeof readJson>[0]);
  const props = (body.properties ?? {}) as Record<string, unknown>;
  const roleId = /\/roleDefinitions\/([0-9a-f-]{36})$/i.exec(String(props.roleDefinitionId ?? ''))?.[1]?.toLowerCase();
  const role = roles.find((d) => d.id === roleId);
  if (!role)
    throw new ArmError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${String(props.roleDefinitionId ?? '')}' does not exist.`,
    );
  const principalId = String(props.principalId ?? '').toLowerCase();
  if (!isGuid(principalId) || (r.directory && !r.directory.principal(principalId)))
    throw new ArmError(
      400,
      'PrincipalNotFound',
      `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${r.directory?.tenantId ?? ''}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
    );
  const same = r.rbac.assignments.find((a) => a.name === name.toLowerCase());
  if (same) {
    if (same.principalId === principalId && same.role.id === role.id && same.scope.toLowerCase() === scope.toLowerCase())
      return { status: 201, body: assignmentJson(r.serviceId, same, r.directory) };
    throw new ArmError(
      409,
      'RoleAssignmentUpdateNotPermitted',
      'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    );
  }
  if (
    r.rbac.assignments.some((a) => a.principalId === principalId && a.role.id === role.id && a.scope.toLowerCase() === scope.toLowerCase())
  )
    throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
  const created = r.rbac.assign(principalId, role, scope, name);
  return { status: 201, body: assignmentJson(r.serviceId, created, r.directory) };
}
