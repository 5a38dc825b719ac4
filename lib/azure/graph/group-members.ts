import 'server-only';
import { getConfig } from '@/lib/env';
import { withPermission } from '@/lib/azure/permission-denied';
import { graphClient } from './client';
import { readAllPages } from './paged';
import type { GraphFailure } from './role-assignments';

// Graph's 400 for a member who is already in the group.
const DUPLICATE_MEMBER = /added object references already exist/i;

/** Adds the user to the group; returns false when they were already a member. */
export async function addGroupMember(groupId: string, userId: string): Promise<boolean> {
  // The reference names the object by its full Graph URL, as Graph's own documentation does.
  const ref = `${getConfig().graphEndpoint}/v1.0/directoryObjects/${userId}`;
  try {
    await withPermission('graph.writeGroupMembers', () =>
      graphClient()
        .api(`/groups/${encodeURIComponent(groupId)}/members/$ref`)
        .post({ '@odata.id': ref }),
    );
    return true;
  } catch (error) {
    const e = error as GraphFailure;
    if (e?.statusCode === 400 && DUPLICATE_MEMBER.test(e.message ?? '')) return false;
    throw error;
  }
}

/** Removes the user from the group; returns false when they were not a member. */
export async function removeGroupMember(groupId: string, userId: string): Promise<boolean> {
  try {
    await withPermission('graph.writeGroupMembers', () =>
      graphClient()
        .api(`/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}/$ref`)
        .delete(),
    );
    return true;
  } catch (error) {
    if ((error as GraphFailure)?.statusCode === 404) return false;
    throw error;
  }
}

/** Whether the user is a direct member of the group. */
export async function isGroupMember(groupId: string, userId: string): Promise<boolean> {
  const members = await readAllPages(`/groups/${encodeURIComponent(groupId)}/members?$select=id`);
  return members.some((m) => m.id === userId);
}

/** The group's direct members that are users (object ids); no $select, so each entry keeps the @odata.type that says so. */
export async function listGroupUserIds(groupId: string): Promise<string[]> {
  const members = await readAllPages(`/groups/${encodeURIComponent(groupId)}/members`);
  return members.filter((m) => String(m['@odata.type'] ?? '').endsWith('.user')).map((m) => String(m.id));
}
