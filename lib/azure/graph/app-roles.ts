import 'server-only';
import { randomUUID } from 'node:crypto';
import { withPermission } from '@/lib/azure/permission-denied';
import { graphClient } from './client';
import { odataString, readFirstItems } from './paged';
import { reshapeAppRole, reshapePrincipal } from './reshape';
import type { DirectoryPrincipal, EntraAppRole } from './types';

export interface NewAppRole {
  value: string;
  displayName: string;
  description: string;
}

/** The app registration's roles exactly as Graph returns them, so a PATCH can send them back unchanged. */
async function readRawAppRoles(applicationObjectId: string): Promise<Record<string, unknown>[]> {
  const app = (await graphClient()
    .api(`/applications/${encodeURIComponent(applicationObjectId)}?$select=id,appRoles`)
    .get()) as {
    appRoles?: Record<string, unknown>[];
  };
  return app.appRoles ?? [];
}

/**
 * Adds one user-assignable role to the app registration. Graph replaces `appRoles` as a whole, so the request carries
 * every existing role as read plus the new one; returns null when a role with that value already exists.
 */
export async function addApplicationAppRole(applicationObjectId: string, role: NewAppRole): Promise<EntraAppRole | null> {
  const existing = await readRawAppRoles(applicationObjectId);
  if (existing.some((r) => r.value === role.value)) return null;
  const created = {
    id: randomUUID(),
    allowedMemberTypes: ['User'],
    description: role.description,
    displayName: role.displayName,
    value: role.value,
    isEnabled: true,
  };
  await withPermission('graph.addAppRole', () =>
    graphClient()
      .api(`/applications/${encodeURIComponent(applicationObjectId)}`)
      .patch({ appRoles: [...existing, created] }),
  );
  return reshapeAppRole(created);
}

/** Users whose display name or UPN starts with the text: two `startswith` queries, merged, rather than one `or` filter. */
export async function searchUsers(text: string, max = 10): Promise<DirectoryPrincipal[]> {
  const literal = odataString(text.trim());
  const select = '$select=id,displayName,userPrincipalName';
  const queries = ['displayName', 'userPrincipalName'].map((field) =>
    readFirstItems(`/users?$filter=${encodeURIComponent(`startswith(${field},${literal})`)}&${select}&$top=${max}`, max),
  );
  const found = (await Promise.all(queries)).flat().map((u) => ({ ...reshapePrincipal(u), kind: 'user' as const }));
  return [...new Map(found.map((u) => [u.id, u])).values()].slice(0, max);
}

export async function getUserSummary(userId: string): Promise<DirectoryPrincipal> {
  const user = (await graphClient()
    .api(`/users/${encodeURIComponent(userId)}?$select=id,displayName,userPrincipalName`)
    .get()) as Record<string, unknown>;
  return { ...reshapePrincipal(user), kind: 'user' };
}
