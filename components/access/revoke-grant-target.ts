import type { AccessRequestView } from '@/lib/requests/request-view';

/** What the revoke form names, from a grant: only these fields reach the client, not the whole request. */
export interface RevokeGrantTarget {
  requestId: string;
  version: number;
  roleValue: string;
  /** Who holds the role: the person, or the application an application grant is for. */
  holderName: string;
  /** Who reads the reason: the requester (an application's owner who asked for it). */
  requesterName: string;
}

export function revokeGrantTarget(
  grant: Pick<AccessRequestView, 'id' | 'version' | 'roleValue' | 'client' | 'requester'>,
): RevokeGrantTarget {
  return {
    requestId: grant.id,
    version: grant.version,
    roleValue: grant.roleValue,
    holderName: grant.client?.displayName ?? grant.requester.name,
    requesterName: grant.requester.name,
  };
}
