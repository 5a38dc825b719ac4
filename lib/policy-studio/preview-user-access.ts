import 'server-only';
import type { Kysely } from 'kysely';
import { listAssignedTo } from '@/lib/azure/graph/applications';
import { getUserSummary, searchUsers } from '@/lib/azure/graph/app-roles';
import { listOwnAssignmentsOnResource } from '@/lib/azure/graph/role-assignments';
import { listGroupAssignments, listUserGroups } from '@/lib/azure/graph/user-access';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { allows } from '@/lib/policy/role-requirements';
import { policiesAfter, requiredRolesByOperation } from './build-plan';
import { preparePlan } from './preview-plan';
import { assertAdmin, loadStudioApi, requireApp, type StudioActor } from './read-current';
import type { UserPreviewInput } from './role-map-schema';
import type { UserAccessPreview } from './studio-types';

export interface PickableUser {
  id: string;
  displayName: string;
  userPrincipalName?: string;
}

/** Users matching the text, or (without text) the users holding a role on the API's app directly. */
export async function findPreviewUsers(db: Kysely<Database>, actor: StudioActor, apiId: string, text: string): Promise<PickableUser[]> {
  assertAdmin(actor);
  if (text.trim())
    return (await searchUsers(text)).map(({ id, displayName, userPrincipalName }) => ({ id, displayName, userPrincipalName }));
  const app = requireApp(await loadStudioApi(db, apiId));
  if (!app.servicePrincipalId) return [];
  const assigned = (await listAssignedTo(app.servicePrincipalId)).filter((a) => a.principalType === 'User');
  return [...new Map(assigned.map((a) => [a.principalId, { id: a.principalId, displayName: a.principalDisplayName }])).values()];
}

/** The user's roles on the app, direct and through the groups they are a direct member of, read live from Graph. */
async function rolesOnApp(userId: string, servicePrincipalId: string, roleValue: (id: string) => string | undefined) {
  const [direct, groups] = await Promise.all([listOwnAssignmentsOnResource(userId, servicePrincipalId), listUserGroups(userId)]);
  const viaGroups = await Promise.all(
    groups.map(async (g) =>
      (await listGroupAssignments(g.id)).filter((a) => a.resourceId === servicePrincipalId).map((a) => ({ a, group: g.displayName })),
    ),
  );
  const roles = [
    ...direct.map((a) => ({ value: roleValue(a.appRoleId), via: 'direct' })),
    ...viaGroups.flat().map(({ a, group }) => ({ value: roleValue(a.appRoleId), via: `group ${group}` })),
  ];
  return roles.filter((r): r is { value: string; via: string } => typeof r.value === 'string');
}

/** Which operations the user's current roles would pass under the current policies and under the proposed map. */
export async function previewUserAccess(db: Kysely<Database>, actor: StudioActor, input: UserPreviewInput): Promise<UserAccessPreview> {
  assertAdmin(actor);
  const app = requireApp(await loadStudioApi(db, input.apiId));
  if (!app.servicePrincipalId)
    throw new UserFacingError(`${app.displayName} has no service principal in this tenant, so nobody holds its roles.`);
  const user = await getUserSummary(input.userId);
  const byId = new Map(app.appRoles.map((r) => [r.id, r.value]));
  const [roles, prepared] = await Promise.all([
    rolesOnApp(user.id, app.servicePrincipalId, (id) => byId.get(id)),
    preparePlan(db, input.apiId, input.map),
  ]);
  const { context } = prepared;
  const nowDocs = {
    api: prepared.current.api?.xml ?? null,
    operations: Object.fromEntries(Object.entries(prepared.current.operations).map(([id, p]) => [id, p?.xml ?? null])),
  };
  const before = requiredRolesByOperation(nowDocs, context);
  const after = requiredRolesByOperation(policiesAfter(prepared.current, prepared.plan), context);
  const held = roles.map((r) => r.value);
  // A call without a validated token is not a question of roles; those operations are open to this user either way.
  const passes = (access: { validatesToken: boolean; requiredRoles: string[][] } | undefined) => !access || allows(access, held);
  return {
    user: { id: user.id, displayName: user.displayName || user.id, userPrincipalName: user.userPrincipalName },
    roles,
    rows: Object.keys(input.map)
      .sort()
      .map((operationId) => ({ operationId, current: passes(before[operationId]), proposed: passes(after[operationId]) })),
  };
}
