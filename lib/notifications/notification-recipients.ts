import 'server-only';
import type { Kysely } from 'kysely';
import { getServicePrincipalByAppId } from '@/lib/azure/graph/applications';
import { listGroupUserIds } from '@/lib/azure/graph/group-members';
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

/** The direct members of the approver group of the request's product, when it is a subscription request with one. */
async function productApprovers(db: Kysely<Database>, requestId: string): Promise<string[]> {
  const rule = await db
    .selectFrom('access_request')
    .innerJoin('product_rule', 'product_rule.product_id', 'access_request.product_id')
    .select('product_rule.approver_group_id')
    .where('access_request.id', '=', requestId)
    .where('access_request.kind', '=', 'subscription')
    .executeTakeFirst();
  return rule?.approver_group_id ? listGroupUserIds(rule.approver_group_id) : [];
}

/**
 * Who may decide the request's waiting stage: portal admins, the app registration's owners (users, per the catalog
 * index) or, for a subscription, the members of the product's approver group; never the requester, nor whoever decided
 * an earlier stage (the same rule as lib/requests/approver-policy.ts).
 */
async function approvers(db: Kysely<Database>, payload: NotificationPayload, admins: () => Promise<string[]>): Promise<string[]> {
  const app = await getIndexedApp(db, payload.appId);
  const owners = (app?.owners ?? []).filter((o) => o.userPrincipalName).map((o) => o.id);
  const decided = await db.selectFrom('access_decision').select('approver_oid').where('request_id', '=', payload.requestId).execute();
  const excluded = new Set([payload.requester.oid, ...decided.map((d) => d.approver_oid)]);
  const group = await productApprovers(db, payload.requestId);
  return [...new Set([...(await admins()), ...owners, ...group])].filter((oid) => !excluded.has(oid));
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
