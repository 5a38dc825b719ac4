import 'server-only';
import type { AccessRequestRow, GrantKind, RequestKind, RequestStatus } from '@/lib/db/types';

/** A request as pages show it (plain data, safe to pass to client components; the page escapes text). */
export interface AccessRequestView {
  id: string;
  /** 'subscription': a product subscription (apiId is empty, roleValue names the product, productId says which). */
  kind: RequestKind;
  productId: string | null;
  subscriptionId: string | null;
  /** Shared by the parts of one request for a role and a subscription. */
  bundleId: string | null;
  requester: { oid: string; name: string; upn: string | null };
  apiId: string;
  appId: string;
  roleId: string;
  roleValue: string;
  grantKind: GrantKind;
  groupId: string | null;
  justification: string;
  durationDays: number | null;
  status: RequestStatus;
  stage: number;
  /** Pass back as `expectedVersion` with a decision, cancellation or revocation. */
  version: number;
  assignmentId: string | null;
  expiresAt: string | null;
  failureReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  activatedAt: string | null;
  endedAt: string | null;
  /** A renewal: the grant (another request) whose end date approving this one extends. */
  renewsRequestId: string | null;
  /** The workload the role is for; null when it is for the requester themself. */
  client: { servicePrincipalId: string; appId: string | null; displayName: string; managedIdentity: boolean } | null;
}

export function toRequestView(row: AccessRequestRow): AccessRequestView {
  return {
    id: row.id,
    kind: row.kind,
    productId: row.product_id,
    subscriptionId: row.subscription_id,
    bundleId: row.bundle_id,
    renewsRequestId: row.renews_request_id,
    requester: { oid: row.requester_oid, name: row.requester_name, upn: row.requester_upn },
    apiId: row.api_id,
    appId: row.app_id,
    roleId: row.role_id,
    roleValue: row.role_value,
    grantKind: row.grant_kind,
    groupId: row.group_id,
    justification: row.justification,
    durationDays: row.duration_days === null ? null : Number(row.duration_days),
    status: row.status,
    stage: Number(row.stage),
    version: Number(row.version),
    assignmentId: row.assignment_id,
    expiresAt: row.expires_at,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    activatedAt: row.activated_at,
    endedAt: row.ended_at,
    client:
      row.principal_type === 'service-principal' && row.principal_id
        ? {
            servicePrincipalId: row.principal_id,
            appId: row.client_app_id,
            displayName: row.client_display_name ?? row.principal_id,
            managedIdentity: row.client_sp_type === 'ManagedIdentity',
          }
        : null,
  };
}

/** What a request asks for, in words: "Orders.Read on Orders API" or "a subscription to Partners". */
export function describeGrant(request: Pick<AccessRequestView, 'kind' | 'roleValue' | 'apiId'>, apiName: (id: string) => string): string {
  return request.kind === 'subscription' ? `a subscription to ${request.roleValue}` : `${request.roleValue} on ${apiName(request.apiId)}`;
}
