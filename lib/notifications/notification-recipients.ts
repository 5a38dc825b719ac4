import 'server-only';
import type { Kysely } from 'kysely';
import { getServicePrincipalByAppId } from '@/lib/azure/graph/applications';
import { listAppRoleHolders } from '@/lib/azure/graph/notification-directory';
import { ADMIN_ROLE } from '@/lib/auth/portal-admin';
import { getIndexedApp } from '@/lib/catalog/read-index';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import type { NotificationPayload } from './notification-event';
import type { NotificationKind } from './notification-kinds';

/** Portal.Admin holders on Roleport's own app, directly or through a group, per Graph now. */
export async function portalAdmins(): Promise<string[]> {
  const sp = await getServicePrincipalByAppId(getConfig().clientId);
  const role = sp?.appRoles.find((r) => r.value === ADMIN_ROLE && r.isEnabled);
  return sp && role ? listAppRoleHolders(sp.id, role.id) : [];
}

/**
 * Who may decide the request's waiting stage: portal admins and the app registration's owners (users, per the catalog
 * index), never the requester, nor whoever decided an earlier stage (the same rule as lib/requests/approver-policy.ts).
 */
async function approvers(db: Kysely<Database>, payload: NotificationPayload, admins: () => Promise<string[]>): Promise<string[]> {
  const app = await getIndexedApp(db, payload.appId);
  const owners = (app?.owners ?? []).filter((o) => o.userPrincipalName).map((o) => o.id);
  const decided = await db.selectFrom('access_decision').select('approver_oid').where('request_id', '=', payload.requestId).execute();
  const excluded = new Set([payload.requester.oid, ...decided.map((d) => d.approver_oid)]);
  return [...new Set([...(await admins()), ...owners])].filter((oid) => !excluded.has(oid));
}

/** The people one notification is for (object ids). */
export async function recipientsOf(
  db: Kysely<Database>,
  kind: NotificationKind,
  payload: NotificationPayload,
  admins: () => Promise<string[]> = portalAdmins,
): Promise<string[]> {
  switch (kind) {
    case 'request-waiting':
      return approvers(db, payload, admins);
    case 'provisioning-failed':
      return admins();
    case 'request-decided':
    case 'access-ready':
    case 'access-expiring':
      return [payload.requester.oid];
  }
}
