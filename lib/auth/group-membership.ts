import 'server-only';
import { listUserGroups } from '@/lib/azure/graph/user-access';
import { cachedLiveCheck } from './live-check-cache';

/**
 * Whether the user is a direct member of the group now, per Graph (cached for at most a minute), read as held roles
 * read group membership: the user's own memberOf list. Nothing indexes group members, so this is the only answer;
 * a failed read counts as "not a member" (cachedLiveCheck never grants rights on a guess).
 */
export function isGroupMemberNow(userOid: string, groupId: string): Promise<boolean> {
  const group = groupId.toLowerCase();
  return cachedLiveCheck(`group:${group}:${userOid}`, async () =>
    (await listUserGroups(userOid)).some((g) => g.id.toLowerCase() === group),
  );
}
