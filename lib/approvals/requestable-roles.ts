import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApi, getIndexedApp, listIndexedOperations } from '@/lib/catalog/read-index';
import type { IndexedApi } from '@/lib/catalog/catalog-types';
import type { Database, RequestStatus } from '@/lib/db/types';
import { getEffectiveRule } from './approval-rules';
import { getHeldRoles } from '@/lib/directory/held-roles';
import { isApproverOf } from '@/lib/requests/approver-policy';
import { OPEN_STATUSES } from '@/lib/requests/request-state-machine';
import { getIndexedProduct } from '@/lib/catalog/read-products';
import { isoAfter, nowIso } from '@/lib/db/clock';
import { RENEWAL_WINDOW_MS } from '@/lib/requests/renewal-window';
import { listMySubscriptions } from '@/lib/provisioning/my-subscriptions';
import { operationsRequiring, type RoleOperation } from '@/lib/requests/role-operations';

export interface RequestableRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  /** Operations whose required roles mention this role ("what the role allows"). */
  allows: RoleOperation[];
  held: false | 'direct' | 'group';
  /** The group's name when the role is held through one. */
  heldThrough?: string;
  /** The user's open request for it, if any (one still waiting before their grant). */
  openRequest: { id: string; status: RequestStatus } | null;
  /** The user's grant of it through Roleport ending within the renewal window, and the renewal already asked for, if any. */
  renewal: { grantId: string; expiresAt: string; pendingRequestId: string | null } | null;
  durations: number[];
  /** The longest grant the rule allows; null = no maximum (no end date may be asked). */
  maxDays: number | null;
  autoApprove: boolean;
  stages: 1 | 2;
}

export interface RequestFormData {
  api: IndexedApi;
  roles: RequestableRole[];
  /** The product whose key the API also needs, when the user has no subscription to any of its products yet. */
  subscriptionProduct: { id: string; displayName: string; terms: string; approvalRequired: boolean } | null;
}

/** Where an API needs a subscription key too: the first published product of it the user could subscribe to, or null. */
async function productToOffer(db: Kysely<Database>, user: PortalUser, api: IndexedApi): Promise<RequestFormData['subscriptionProduct']> {
  if (!api.subscriptionRequired || api.products.length === 0) return null;
  const mine = await listMySubscriptions(db, user);
  if (mine.some((s) => api.products.some((p) => p.id.toLowerCase() === s.productId.toLowerCase()))) return null;
  for (const ref of api.products) {
    const product = await getIndexedProduct(db, ref.id);
    if (product?.published && product.subscriptionRequired)
      return { id: product.id, displayName: product.displayName, terms: product.terms, approvalRequired: product.approvalRequired };
  }
  return null;
}

/**
 * What the request form offers on one API for this user; null when the API is unknown or not linked to an app.
 * `principal` 'app': the roles an application can hold (what the user and their own requests hold is then beside the
 * point: Graph is asked about the chosen app when the request is submitted).
 */
export async function getRequestFormData(
  db: Kysely<Database>,
  user: PortalUser,
  apiId: string,
  principal: 'user' | 'app' = 'user',
): Promise<RequestFormData | null> {
  const api = await getIndexedApi(db, apiId);
  const app = api?.appId ? await getIndexedApp(db, api.appId) : null;
  if (!api || !app) return null;
  const forApp = principal === 'app';
  const [operations, held, open] = await Promise.all([
    listIndexedOperations(db, apiId),
    forApp ? Promise.resolve([]) : getHeldRoles(user.oid),
    forApp
      ? Promise.resolve([])
      : db
          .selectFrom('access_request')
          .select(['id', 'role_id', 'status', 'expires_at', 'renews_request_id'])
          .where('requester_oid', '=', user.oid)
          .where('principal_type', '=', 'user')
          .where('app_id', '=', app.appId)
          .where('status', 'in', OPEN_STATUSES)
          .execute(),
  ]);
  const memberType = forApp ? 'Application' : 'User';
  const [now, windowEnd] = [nowIso(), isoAfter(RENEWAL_WINDOW_MS)];
  const roles: RequestableRole[] = [];
  for (const role of app.appRoles.filter((r) => r.isEnabled && r.allowedMemberTypes.includes(memberType))) {
    const rule = await getEffectiveRule(db, apiId, role.value);
    const holding = held.find((h) => h.appId === app.appId && h.roleId === role.id);
    const mine = open.filter((r) => r.role_id === role.id);
    const request = mine.find((r) => r.status !== 'active') ?? mine[0];
    const expiring = mine.find((r) => r.status === 'active' && r.expires_at !== null && r.expires_at > now && r.expires_at <= windowEnd);
    roles.push({
      id: role.id,
      value: role.value,
      displayName: role.displayName,
      description: role.description,
      allows: operationsRequiring(operations, role.value),
      held: holding ? holding.via : false,
      heldThrough: holding?.via === 'group' ? (holding.groupName ?? holding.groupId) : undefined,
      openRequest: request ? { id: request.id, status: request.status } : null,
      renewal: expiring
        ? {
            grantId: expiring.id,
            expiresAt: expiring.expires_at as string,
            pendingRequestId: mine.find((r) => r.renews_request_id === expiring.id)?.id ?? null,
          }
        : null,
      durations: rule.durations,
      maxDays: rule.maxDays,
      // Mirrors submitRequest: an approver's own request always waits for someone else.
      autoApprove: rule.autoApprove && !isApproverOf(user, app),
      stages: rule.stages,
    });
  }
  return { api, roles, subscriptionProduct: await productToOffer(db, user, api) };
}
