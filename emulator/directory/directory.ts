import { randomBytes } from 'node:crypto';
import { guidBytes } from '../http/ids';
import { MailOutbox } from '../mail/mail-outbox';
import { CLOUDS, type EmulatedCloud } from './clouds';
import type {
  AppRole,
  AppRoleAssignment,
  DirectoryApplication,
  DirectoryGroup,
  DirectoryRole,
  DirectoryServicePrincipal,
  DirectoryUser,
  OAuth2PermissionGrant,
  PrincipalType,
} from './types';

export type AssignResult = { ok: true; assignment: AppRoleAssignment } | { ok: false; reason: 'duplicate' | 'principal' | 'role' };

const sameUri = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The tenant's in-memory directory, shared by the Entra and Graph surfaces. */
export class Directory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  readonly directoryRoles = new Map<string, DirectoryRole>();
  readonly applications = new Map<string, DirectoryApplication>();
  readonly servicePrincipals = new Map<string, DirectoryServicePrincipal>();
  readonly assignments = new Map<string, AppRoleAssignment>();
  readonly permissionGrants = new Map<string, OAuth2PermissionGrant>();
  /** Messages Graph's sendMail accepted from the tenant's mailboxes. */
  readonly sentMail = new MailOutbox();

  constructor(
    readonly tenantId: string,
    readonly tenantDomain: string,
    /** The national cloud the directory lives in (resource ids of Graph and ARM, v1 issuer). */
    readonly cloud: EmulatedCloud = CLOUDS.AzurePublicCloud,
  ) {}

  findUser(idOrUpn: string): DirectoryUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.get(key) ?? [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key);
  }

  applicationByAppId(appId: string) {
    return [...this.applications.values()].find((a) => a.appId.toLowerCase() === appId.toLowerCase());
  }

  servicePrincipalByAppId(appId: string) {
    return [...this.servicePrincipals.values()].find((s) => s.appId.toLowerCase() === appId.toLowerCase());
  }

  /** The app whose appId or one of whose identifier URIs names `resource` (trailing slash and case ignored). */
  applicationByResource(resource: string) {
    return (
      this.applicationByAppId(resource) ?? [...this.applications.values()].find((a) => a.identifierUris.some((u) => sameUri(u, resource)))
    );
  }

  /** The registered identifier URI matching `resource`, in its registered spelling. */
  identifierUriFor(app: DirectoryApplication, resource: string) {
    return app.identifierUris.find((u) => sameUri(u, resource));
  }

  groupsOf(objectId: string): DirectoryGroup[] {
    return [...this.groups.values()].filter((g) => g.members.has(objectId));
  }

  /** Directory roles the object is a direct member of (Graph lists them in memberOf beside groups). */
  directoryRolesOf(objectId: string): DirectoryRole[] {
    return [...this.directoryRoles.values()].filter((r) => r.members.has(objectId));
  }

  principal(id: string): { type: PrincipalType; displayName: string } | undefined {
    const user = this.users.get(id.toLowerCase());
    if (user) return { type: 'User', displayName: user.displayName };
    const group = this.groups.get(id.toLowerCase());
    if (group) return { type: 'Group', displayName: group.displayName };
    const sp = this.servicePrincipals.get(id.toLowerCase());
    if (sp) return { type: 'ServicePrincipal', displayName: sp.displayName };
    return undefined;
  }

  assignmentsTo(resourceId: string) {
    return [...this.assignments.values()].filter((a) => a.resourceId === resourceId);
  }

  assignmentsOf(principalId: string) {
    return [...this.assignments.values()].filter((a) => a.principalId === principalId);
  }

  /**
   * What `GET /users/{id}/appRoleAssignments` answers: the user's own assignments and those of the groups the user is a
   * direct member of ("This operation also returns app roles assigned to groups that the user is a direct member of",
   * Graph v1.0 "List appRoleAssignments granted to a user", api-reference/v1.0/api/user-list-approleassignments.md).
   */
  assignmentsGrantedToUser(userId: string) {
    const principals = new Set([userId.toLowerCase(), ...this.groupsOf(userId.toLowerCase()).map((g) => g.id)]);
    return [...this.assignments.values()].filter((a) => principals.has(a.principalId));
  }

  assign(principalId: string, resourceId: string, appRoleId: string, createdDateTime = new Date().toISOString()): AssignResult {
    const principal = this.principal(principalId);
    const resource = this.servicePrincipals.get(resourceId.toLowerCase());
    if (!principal) return { ok: false, reason: 'principal' };
    const defaultAccess = appRoleId === '00000000-0000-0000-0000-000000000000';
    if (!resource || (!defaultAccess && !resource.appRoles.some((r) => r.id === appRoleId))) return { ok: false, reason: 'role' };
    const exists = [...this.assignments.values()].some(
      (a) => a.principalId === principalId && a.resourceId === resource.id && a.appRoleId === appRoleId,
    );
    if (exists) return { ok: false, reason: 'duplicate' };
    // Graph's ids are opaque base64url strings that embed the principal id.
    const id = Buffer.concat([guidBytes(principalId), randomBytes(16)]).toString('base64url');
    const assignment: AppRoleAssignment = {
      id,
      appRoleId,
      principalId: principalId.toLowerCase(),
      principalType: principal.type,
      principalDisplayName: principal.displayName,
      resourceId: resource.id,
      resourceDisplayName: resource.displayName,
      createdDateTime,
    };
    this.assignments.set(id, assignment);
    return { ok: true, assignment };
  }

  unassign(assignmentId: string): boolean {
    return this.assignments.delete(assignmentId);
  }

  /** Role values a principal holds on an app: its direct assignments plus those of the groups it is in. */
  rolesFor(principalOid: string, resourceAppId: string): string[] {
    const sp = this.servicePrincipalByAppId(resourceAppId);
    if (!sp) return [];
    const principals = new Set([principalOid.toLowerCase(), ...this.groupsOf(principalOid.toLowerCase()).map((g) => g.id)]);
    const byId = new Map<string, AppRole>(sp.appRoles.filter((r) => r.isEnabled).map((r) => [r.id, r]));
    const values = new Set<string>();
    for (const a of this.assignmentsTo(sp.id)) {
      const role = byId.get(a.appRoleId);
      if (role && principals.has(a.principalId)) values.add(role.value);
    }
    return [...values].sort();
  }

  /** Records a delegated grant as admin consent (no principal) or one user's consent. */
  grantDelegated(clientSpId: string, resourceSpId: string, scope: string, principalId: string | null = null): OAuth2PermissionGrant {
    // Graph's grant ids are opaque base64url strings built from the client, resource and (for user consent) principal ids.
    const parts = [clientSpId, resourceSpId, ...(principalId ? [principalId] : [])].map(guidBytes);
    const grant: OAuth2PermissionGrant = {
      id: Buffer.concat(parts).toString('base64url'),
      clientId: clientSpId.toLowerCase(),
      consentType: principalId ? 'Principal' : 'AllPrincipals',
      principalId: principalId?.toLowerCase() ?? null,
      resourceId: resourceSpId.toLowerCase(),
      scope,
    };
    this.permissionGrants.set(grant.id, grant);
    return grant;
  }

  /** Delegated scopes consented for the client on the resource: admin consent plus this user's own. */
  consentedScopes(clientSpId: string, resourceSpId: string, userId: string): Set<string> {
    const out = new Set<string>();
    for (const g of this.permissionGrants.values()) {
      if (g.clientId !== clientSpId.toLowerCase() || g.resourceId !== resourceSpId.toLowerCase()) continue;
      if (g.consentType === 'Principal' && g.principalId !== userId.toLowerCase()) continue;
      g.scope
        .split(/\s+/)
        .filter(Boolean)
        .forEach((s) => out.add(s));
    }
    return out;
  }

  /** Replaces an application's roles and mirrors them on its service principal, as Entra does. */
  setAppRoles(app: DirectoryApplication, roles: AppRole[]) {
    app.appRoles = roles;
    const sp = this.servicePrincipalByAppId(app.appId);
    if (sp) sp.appRoles = roles.map((r) => ({ ...r }));
  }
}
