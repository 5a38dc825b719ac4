import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { whereDecidable, type DecidableScope } from '@/lib/requests/approver-policy';

export interface ApprovalQueueFilter {
  apiId?: string;
  roleValue?: string;
  requesterOid?: string;
  /** Only requests waiting at least this many days. */
  olderThanDays?: number;
}

/**
 * Pending requests the user can decide now (`scope` from decidableScope), narrowed by the queue's filters. Who may
 * decide what is the approver policy's answer; this only adds the filters.
 */
export function approvalQueueQuery(db: Kysely<Database>, user: PortalUser, scope: DecidableScope | null, filter: ApprovalQueueFilter = {}) {
  let query = whereDecidable(db.selectFrom('access_request'), user, scope);
  if (filter.apiId) query = query.where('api_id', '=', filter.apiId);
  if (filter.roleValue) query = query.where('role_value', '=', filter.roleValue);
  if (filter.requesterOid) query = query.where('requester_oid', '=', filter.requesterOid);
  if (filter.olderThanDays !== undefined)
    query = query.where('created_at', '<=', new Date(Date.now() - filter.olderThanDays * 86_400_000).toISOString());
  return query;
}
